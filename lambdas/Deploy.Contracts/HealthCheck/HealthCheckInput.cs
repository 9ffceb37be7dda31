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

    /// <summary>Required. The DescribeTargetHealth response for the color's target group.</summary>
    public DescribeTargetHealthResponse? TargetHealth { get; init; }

    /// <summary>
    /// The GetMetricData response with queries <c>target5xx</c> (Sum of HTTPCode_Target_5XX_Count),
    /// <c>p99</c> (p99 of TargetResponseTime, in seconds) and <c>requests</c> (Sum of RequestCount).
    /// Required when the phase is <c>AfterTraffic</c>; ignored before traffic.
    /// </summary>
    public GetMetricDataResponse? MetricData { get; init; }

    /// <summary>The color's composite alarm state: <c>OK</c>, <c>ALARM</c> or <c>INSUFFICIENT_DATA</c>. Optional; ignored before traffic.</summary>
    public string? AlarmState { get; init; }
}
