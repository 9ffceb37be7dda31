namespace Deploy.Contracts.Flows;

/// <summary>An alarm's state in a "CloudWatch Alarm State Change" event.</summary>
public sealed record AlarmStateValue
{
    /// <summary><c>OK</c>, <c>ALARM</c> or <c>INSUFFICIENT_DATA</c>.</summary>
    public string Value { get; init; } = null!;

    /// <summary>Why the state changed, in CloudWatch's words.</summary>
    public string Reason { get; init; } = null!;
}
