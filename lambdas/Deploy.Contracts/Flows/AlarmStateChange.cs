namespace Deploy.Contracts.Flows;

/// <summary>
/// The EventBridge event "CloudWatch Alarm State Change" that starts a Rollback: the members the alarm rule's input
/// transformer reads (<see href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html">Alarm
/// events and EventBridge</see>).
/// </summary>
/// <remarks>Declares where the rule reads data, for <see cref="StatePath"/>; members are non-null so paths read without <c>!</c>.</remarks>
public sealed record AlarmStateChange
{
    /// <summary>When the state changed (the event's time, ISO-8601).</summary>
    public string Time { get; init; } = null!;

    /// <summary>The alarm and its new state.</summary>
    public AlarmStateChangeDetail Detail { get; init; } = null!;
}
