namespace Deploy.Contracts.Flows;

/// <summary>One color's resources, as the HealthProbe's first state selects them.</summary>
public sealed record ProbeResources
{
    /// <summary>The color's target group.</summary>
    public string TargetGroupArn { get; init; } = null!;

    /// <summary>Its CloudWatch dimension value (<c>targetgroup/…</c>).</summary>
    public string TargetGroupFullName { get; init; } = null!;

    /// <summary>The color's composite alarm.</summary>
    public string CompositeAlarmName { get; init; } = null!;

    /// <summary>The configured thresholds.</summary>
    public HealthThresholds DefaultThresholds { get; init; } = null!;
}
