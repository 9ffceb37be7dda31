namespace Deploy.Contracts;

/// <summary>The limits a color must meet to be judged Healthy.</summary>
public sealed record HealthThresholds
{
    /// <summary>Required. Minimum percentage (0-100) of counted targets that must be <c>healthy</c>.</summary>
    public double? MinHealthyPercentage { get; init; }

    /// <summary>
    /// Maximum target 5XX count (sum over the metric window), 0 or more. Required when the phase
    /// is <c>AfterTraffic</c>; ignored before traffic.
    /// </summary>
    public double? MaxTarget5xxCount { get; init; }

    /// <summary>
    /// Maximum p99 target response time in milliseconds, 0 or more. Required when the phase is
    /// <c>AfterTraffic</c>; ignored before traffic.
    /// </summary>
    public double? MaxP99ResponseTimeMs { get; init; }

    /// <summary>
    /// Number of targets that must be registered (draining excluded) before the verdict can be
    /// Healthy, 0 or more. Default: no minimum beyond one target.
    /// </summary>
    public int? ExpectedTargetCount { get; init; }
}
