namespace Deploy.Contracts;

/// <summary>The limits a color must meet to be judged Healthy.</summary>
public sealed record HealthThresholds
{
    /// <summary>
    /// Required. Minimum percentage (0-100) of targets that must be <c>healthy</c>: of the registered targets, or of
    /// <see cref="HealthCheckInput.ExpectedTargets"/> when more are expected than registered. Whatever the
    /// percentage, a color with no healthy target is never Healthy.
    /// </summary>
    public double? MinHealthyPercentage { get; init; }

    /// <summary>
    /// Maximum target 5XX responses in any one minute, 0 or more. Required when the phase is <c>AfterTraffic</c>;
    /// ignored before traffic.
    /// </summary>
    /// <remarks>
    /// The same limit as the color's rollback alarm on <c>HTTPCode_Target_5XX_Count</c> (Sum over 60 seconds,
    /// <c>GreaterThanThreshold</c>, missing data not breaching): a minute breaches when it has more than this many.
    /// The alarm needs 3 consecutive breaching minutes; the probe judges every minute since the traffic shift and
    /// one breaching minute is Unhealthy, so a deployment rolls back before the alarm would fire.
    /// </remarks>
    public double? MaxTarget5xxCount { get; init; }

    /// <summary>
    /// Maximum target 5XX responses as a percentage (0-100) of the requests in any one minute. Optional: without it
    /// the rate is not judged. Minutes without requests are skipped. Ignored before traffic.
    /// </summary>
    public double? MaxTarget5xxPercent { get; init; }

    /// <summary>
    /// Maximum p99 target response time in milliseconds, 0 or more. Required when the phase is
    /// <c>AfterTraffic</c>; ignored before traffic.
    /// </summary>
    public double? MaxP99ResponseTimeMs { get; init; }
}
