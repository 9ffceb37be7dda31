namespace Deploy.Contracts.Flows;

/// <summary>The thresholds in force.</summary>
public sealed record ProbeThresholds
{
    /// <summary>The thresholds.</summary>
    public HealthThresholds Thresholds { get; init; } = null!;
}
