namespace Deploy.Rehearsal.Simulation.Alarms;

/// <summary>The states of a CloudWatch alarm (CloudWatch API reference, MetricAlarm/CompositeAlarm <c>StateValue</c>).</summary>
public static class AlarmStates
{
    /// <summary>The metric or expression is within the threshold; for a composite, the rule evaluates to FALSE.</summary>
    public const string Ok = "OK";

    /// <summary>Outside the threshold; for a composite, the rule evaluates to TRUE.</summary>
    public const string Alarm = "ALARM";

    /// <summary>Not enough data to decide (the state of a new alarm; <c>missing</c> data over the whole evaluation range).</summary>
    public const string InsufficientData = "INSUFFICIENT_DATA";
}
