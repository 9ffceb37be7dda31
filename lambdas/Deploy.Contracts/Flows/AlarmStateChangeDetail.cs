namespace Deploy.Contracts.Flows;

/// <summary>The <c>detail</c> of a "CloudWatch Alarm State Change" event: the members the alarm rule reads.</summary>
public sealed record AlarmStateChangeDetail
{
    /// <summary>The alarm's name.</summary>
    public string AlarmName { get; init; } = null!;

    /// <summary>Its new state.</summary>
    public AlarmStateValue State { get; init; } = null!;
}
