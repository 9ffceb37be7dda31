using Deploy.Contracts;
using static Deploy.HealthCheck.Tests.HealthInputs;
using static Deploy.HealthCheck.Tests.HealthReasonTexts;

namespace Deploy.HealthCheck.Tests;

/// <summary>Metric and alarm rules, which apply only after traffic.</summary>
public partial class HealthEvaluatorTests
{
    private const string TwoHealthy = "healthy 2/2 (100.0%) meets minimum 75%";

    public static TheoryData<MetricDataResult[], string?, HealthStatus, string[]> TrafficCases => new()
    {
        // results, alarm state, status, reasons
        { [], "OK", HealthStatus.Healthy, [TwoHealthy, No5xx, NoLatency, AlarmOk] },
        { [Result("target5xx"), Result("p99"), Result("requests")], "OK", HealthStatus.Healthy, [TwoHealthy, No5xx, NoLatency, AlarmOk] },
        { [Result("target5xx", 4, 6)], "OK", HealthStatus.Healthy,
            [TwoHealthy, "target 5XX count 10 within maximum 10", NoLatency, AlarmOk] },
        { [Result("target5xx", 8, 6)], "OK", HealthStatus.Unhealthy, ["target 5XX count 14 above maximum 10"] },
        { [Result("target5xx", 3), Result("target5xx", 8)], "OK", HealthStatus.Unhealthy, ["target 5XX count 11 above maximum 10"] },
        { [Result("p99", 0.12, 2.35)], "OK", HealthStatus.Unhealthy, ["p99 response time 2350 ms above maximum 2000 ms"] },
        { [Result("p99", 0.5), Result("p99", 2.0004)], "OK", HealthStatus.Unhealthy, ["p99 response time 2000.4 ms above maximum 2000 ms"] },
        { [Result("p99", 2.0)], "OK", HealthStatus.Healthy,
            [TwoHealthy, No5xx, "p99 response time 2000 ms within maximum 2000 ms", AlarmOk] },
        { [Result("other", 999), Result("P99", 999)], "OK", HealthStatus.Healthy, [TwoHealthy, No5xx, NoLatency, AlarmOk] },
        { [], "ALARM", HealthStatus.Unhealthy, [InAlarm] },
        { [], "INSUFFICIENT_DATA", HealthStatus.Healthy,
            [TwoHealthy, No5xx, NoLatency, "composite alarm in INSUFFICIENT_DATA; not a failure"] },
        { [], null, HealthStatus.Healthy, [TwoHealthy, No5xx, NoLatency, "composite alarm state not given; not evaluated"] },
    };

    [Theory]
    [MemberData(nameof(TrafficCases))]
    public void Evaluate_AfterTraffic_AppliesMetricAndAlarmRules(
        MetricDataResult[] results, string? alarmState, HealthStatus status, string[] reasons)
    {
        // Arrange
        var input = After("healthy,healthy", results, alarmState);

        // Act
        var verdict = HealthEvaluator.Evaluate(input);

        // Assert
        Assert.Null(verdict.Error);
        Assert.Equal(status, verdict.Status);
        Assert.Equal(reasons, verdict.Reasons);
    }

    public static TheoryData<string, HealthStatus, string> MetricStatusCases => new()
    {
        { "Forbidden", HealthStatus.Unhealthy, "metric data forbidden for target5xx: the probe may not read CloudWatch metrics; cannot verify" },
        { "InternalError", HealthStatus.Pending, "metric data not available for target5xx (CloudWatch InternalError); will retry" },
    };

    [Theory]
    [MemberData(nameof(MetricStatusCases))]
    public void Evaluate_MetricQueryNotComplete_IsNotReadAsZeroErrors(string statusCode, HealthStatus status, string reason)
    {
        // Arrange: CloudWatch answered the 5XX query without datapoints because it could not read them.
        var input = After("healthy,healthy", [Result("target5xx") with { StatusCode = statusCode }], "OK");

        // Act
        var verdict = HealthEvaluator.Evaluate(input);

        // Assert
        Assert.Equal(status, verdict.Status);
        Assert.Equal([reason], verdict.Reasons);
    }

    [Fact]
    public void Evaluate_PartialData_UsesTheDatapointsGiven()
    {
        var input = After("healthy,healthy", [Result("target5xx", 12) with { StatusCode = "PartialData" }], "OK");

        var verdict = HealthEvaluator.Evaluate(input);

        Assert.Equal(HealthStatus.Unhealthy, verdict.Status);
        Assert.Equal(["target 5XX count 12 above maximum 10"], verdict.Reasons);
    }

    [Fact]
    public void Evaluate_TargetsPendingButMetricFails_UnhealthyWinsAndListsBoth()
    {
        // Arrange
        var input = After("healthy,initial", [Result("target5xx", 14)]);

        // Act
        var verdict = HealthEvaluator.Evaluate(input);

        // Assert
        Assert.Equal(HealthStatus.Unhealthy, verdict.Status);
        Assert.Equal(
            ["health checks still in progress: 1 target initial; healthy 1/2 (50.0%) below minimum 75%", "target 5XX count 14 above maximum 10"],
            verdict.Reasons);
    }

    [Fact]
    public void Evaluate_EveryCheckFails_ListsEveryFailureWithFigures()
    {
        // Arrange
        var input = After("healthy,unhealthy,unhealthy,unhealthy", [Result("target5xx", 14), Result("p99", 2.35)], "ALARM");

        // Act
        var verdict = HealthEvaluator.Evaluate(input);

        // Assert
        Assert.Equal(HealthStatus.Unhealthy, verdict.Status);
        Assert.Equal(
            [
                "healthy 1/4 (25.0%) below minimum 75%",
                "target 5XX count 14 above maximum 10",
                "p99 response time 2350 ms above maximum 2000 ms",
                InAlarm,
            ],
            verdict.Reasons);
    }

    [Fact]
    public void Evaluate_AfterTraffic_ReportsMetricEvidence()
    {
        // Arrange
        MetricDataResult[] results =
        [
            Result("target5xx", 1, 2), Result("p99", 0.1234, 0.25), Result("requests", 100, 250.5), Result("requests", 49.5),
            new MetricDataResult { Id = "target5xx", Values = null, StatusCode = "PartialData" },
        ];
        var input = After("healthy,healthy", results, "INSUFFICIENT_DATA");

        // Act
        var evidence = HealthEvaluator.Evaluate(input).Evidence;

        // Assert
        Assert.Equal(3, evidence.Target5xxCount);
        Assert.Equal(250, evidence.P99ResponseTimeMs);
        Assert.Equal(400, evidence.RequestCount);
        Assert.Equal("INSUFFICIENT_DATA", evidence.AlarmState);
    }

    [Fact]
    public void Evaluate_AfterTrafficWithoutDatapoints_ReportsZeroErrorsAndNullLatencyAndRequests()
    {
        // Act
        var evidence = HealthEvaluator.Evaluate(After("healthy", [])).Evidence;

        // Assert
        Assert.Equal(0, evidence.Target5xxCount);
        Assert.Null(evidence.P99ResponseTimeMs);
        Assert.Null(evidence.RequestCount);
        Assert.Equal("OK", evidence.AlarmState);
    }

    [Fact]
    public void Evaluate_P99InSeconds_RoundsMillisecondsToOneDecimal()
    {
        // Act
        var evidence = HealthEvaluator.Evaluate(After("healthy", [Result("p99", 0.00012345)])).Evidence;

        // Assert
        Assert.Equal(0.1, evidence.P99ResponseTimeMs);
    }
}
