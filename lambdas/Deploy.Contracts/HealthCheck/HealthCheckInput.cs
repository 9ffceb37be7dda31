namespace Deploy.Contracts;

/// <summary>
/// The HealthCheck handler's input: what Step Functions read from Elastic Load Balancing and
/// CloudWatch for one color, plus the thresholds to judge it by.
/// </summary>
public sealed record HealthCheckInput
{
    /// <summary>Required. <c>BeforeTraffic</c> (target health only) or <c>AfterTraffic</c> (target health, metrics and alarm).</summary>
    public string? Phase { get; init; }

    /// <summary>The color being judged, <c>blue</c> or <c>green</c>; informational.</summary>
    public string? Color { get; init; }

    /// <summary>Required. The limits to judge by.</summary>
    public HealthThresholds? Thresholds { get; init; }

    /// <summary>
    /// How many targets the color should have: the <c>DesiredCapacity</c> of its Auto Scaling group, a whole number of
    /// 0 or more. The Deploy and Rollback flows always pass it (through the HealthProbe input's <c>expectedTargets</c>);
    /// it is optional only so that older callers keep working, and without it the verdict judges the targets that
    /// happen to be registered (one healthy target out of one registered passes, however many the group should have).
    /// </summary>
    /// <remarks>
    /// With it: 0 is always Unhealthy (a group scaled to 0 has no instance to serve); before traffic, fewer registered
    /// targets than expected is Pending (instances still launching or registering); the healthy share is taken of
    /// max(registered, expected), so after traffic fewer healthy targets than expected × <c>minHealthyPercentage</c> is
    /// Unhealthy, and extra registered targets (a scale-in not finished) must be healthy too.
    /// </remarks>
    public int? ExpectedTargets { get; init; }

    /// <summary>
    /// When the execution that asked for this verdict started: the Deploy or Rollback execution's <c>$$.Execution.StartTime</c>,
    /// an ISO-8601 time with a UTC designator or offset (for example <c>2026-01-01T10:00:00.000Z</c>), passed through the
    /// HealthProbe input's <c>deploymentStartedAt</c>. Optional (the CLI's <c>health</c> command probes without it); with
    /// <see cref="EvaluatedAt"/> it gives <see cref="HealthVerdict.ElapsedSeconds"/>.
    /// </summary>
    /// <remarks>
    /// A state machine cannot subtract two times (the intrinsic functions have no date arithmetic), so the Deploy flow
    /// measures its duration here. See <see href="https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html">the
    /// Context object</see> for the format.
    /// </remarks>
    public string? DeploymentStartedAt { get; init; }

    /// <summary>
    /// When the verdict is taken: the HealthProbe's <c>$$.State.EnteredTime</c> of the state that invokes the handler, an
    /// ISO-8601 time like <see cref="DeploymentStartedAt"/>, not before it. Optional; the handler never reads a clock.
    /// </summary>
    public string? EvaluatedAt { get; init; }

    /// <summary>Required. The DescribeTargetHealth response for the color's target group.</summary>
    public DescribeTargetHealthResponse? TargetHealth { get; init; }

    /// <summary>
    /// The GetMetricData response with one-minute (<c>Period</c> 60) queries <c>target5xx</c> (Sum of
    /// HTTPCode_Target_5XX_Count), <c>p99</c> (p99 of TargetResponseTime, in seconds) and <c>requests</c> (Sum of
    /// RequestCount), each with its <c>Timestamps</c>. Required when the phase is <c>AfterTraffic</c>; ignored before traffic.
    /// </summary>
    public GetMetricDataResponse? MetricData { get; init; }

    /// <summary>The color's composite alarm state: <c>OK</c>, <c>ALARM</c> or <c>INSUFFICIENT_DATA</c>. Optional. In
    /// <c>ALARM</c> the verdict is Unhealthy after traffic and Pending before it (traffic waits for the alarm to return to OK).</summary>
    public string? AlarmState { get; init; }
}
