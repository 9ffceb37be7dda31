namespace Deploy.Contracts;

/// <summary>
/// The GetMetricData query ids the HealthCheck handler reads. The state machine's GetMetricData
/// call must use exactly these ids; results with other ids are ignored.
/// </summary>
public static class HealthMetricIds
{
    /// <summary>Sum of <c>HTTPCode_Target_5XX_Count</c> (AWS/ApplicationELB) for the color's target group.</summary>
    public const string Target5xx = "target5xx";

    /// <summary><c>p99</c> of <c>TargetResponseTime</c> (AWS/ApplicationELB, in seconds) for the color's target group.</summary>
    public const string P99 = "p99";

    /// <summary>Sum of <c>RequestCount</c> (AWS/ApplicationELB) for the color's target group.</summary>
    public const string Requests = "requests";
}
