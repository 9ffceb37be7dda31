namespace Deploy.Contracts.Flows;

/// <summary>The composite alarm's state.</summary>
public sealed record ProbeAlarm
{
    /// <summary><c>OK</c>, <c>ALARM</c> or <c>INSUFFICIENT_DATA</c>.</summary>
    public string State { get; init; } = null!;
}
