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

        // The limit is per minute, as the rollback alarm's (more than N in a minute): 8 + 6 over two minutes is within 10.
        { [Result("target5xx", 8, 6)], "OK", HealthStatus.Healthy,
            [TwoHealthy, "target 5XX at most 8 a minute over 2 minutes, within maximum 10 a minute", NoLatency, AlarmOk] },
        { [Result("target5xx", 4, 10)], "OK", HealthStatus.Healthy,
            [TwoHealthy, "target 5XX at most 10 a minute over 2 minutes, within maximum 10 a minute", NoLatency, AlarmOk] },
        { [Result("target5xx", 4, 11)], "OK", HealthStatus.Unhealthy,
            ["target 5XX 11 in the minute from 2026-01-01T00:59:00Z, above maximum 10 a minute (1 of 2 minutes)"] },
        { [Result("target5xx", 12, 3, 14)], "OK", HealthStatus.Unhealthy,
            ["target 5XX 14 in the minute from 2026-01-01T00:58:00Z, above maximum 10 a minute (2 of 3 minutes)"] },

        // Minutes are matched by timestamp: requests-only minutes count as minutes with 0 errors; pages of one series are combined.
        { [Series("target5xx", (2, 7)), Result("requests", 50, 60, 70)], "OK", HealthStatus.Healthy,
            [TwoHealthy, "target 5XX at most 7 a minute over 3 minutes, within maximum 10 a minute", NoLatency, AlarmOk] },
        { [Series("target5xx", (0, 3)), Series("target5xx", (1, 8))], "OK", HealthStatus.Healthy,
            [TwoHealthy, "target 5XX at most 8 a minute over 2 minutes, within maximum 10 a minute", NoLatency, AlarmOk] },
        { [Series("target5xx", (0, 3)), Series("target5xx", (0, 8))], "OK", HealthStatus.Unhealthy,
            ["target 5XX 11 in the minute from 2026-01-01T01:00:00Z, above maximum 10 a minute (1 of 1 minute)"] },

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

    public static TheoryData<MetricDataResult[], HealthStatus, string> RateCases => new()
    {
        // results, status, the 5XX rate reason (maxTarget5xxPercent 5)
        { [Result("target5xx", 2), Result("requests", 100)], HealthStatus.Healthy,
            "target 5XX rate at most 2% a minute over 1 minute with requests, within maximum 5%" },
        { [Result("target5xx", 5), Result("requests", 100)], HealthStatus.Healthy,
            "target 5XX rate at most 5% a minute over 1 minute with requests, within maximum 5%" },
        { [Result("target5xx", 1, 6), Result("requests", 400, 100)], HealthStatus.Unhealthy,
            "target 5XX rate 6% (6 of 100 requests) in the minute from 2026-01-01T00:59:00Z, above maximum 5% (1 of 2 minutes with requests)" },
        { [Result("target5xx", 1, 2), Result("requests", 3, 400)], HealthStatus.Unhealthy,
            "target 5XX rate 33.33% (1 of 3 requests) in the minute from 2026-01-01T01:00:00Z, above maximum 5% (1 of 2 minutes with requests)" },

        // A minute without requests has no rate: it is skipped, and a window without any is not evaluated.
        { [Series("target5xx", (0, 3)), Series("requests", (1, 100))], HealthStatus.Healthy,
            "target 5XX rate at most 0% a minute over 1 minute with requests, within maximum 5%" },
        { [Result("target5xx", 3)], HealthStatus.Healthy, No5xxRate },
        { [], HealthStatus.Healthy, No5xxRate },
    };

    [Theory]
    [MemberData(nameof(RateCases))]
    public void Evaluate_MaxTarget5xxPercent_JudgesEveryMinuteWithRequests(MetricDataResult[] results, HealthStatus status, string reason)
    {
        // Arrange
        var input = After("healthy,healthy", results, thresholds: Thresholds(max5xxPercent: 5));

        // Act
        var verdict = HealthEvaluator.Evaluate(input);

        // Assert
        Assert.Null(verdict.Error);
        Assert.Equal(status, verdict.Status);
        Assert.Contains(reason, verdict.Reasons);
    }

    [Fact]
    public void Evaluate_WithoutMaxTarget5xxPercent_DoesNotJudgeTheRate()
    {
        // Arrange: 6 of 10 requests failed in the minute, within the count limit.
        var input = After("healthy,healthy", [Result("target5xx", 6), Result("requests", 10)]);

        // Act
        var verdict = HealthEvaluator.Evaluate(input);

        // Assert
        Assert.Equal(HealthStatus.Healthy, verdict.Status);
        Assert.Equal([TwoHealthy, "target 5XX at most 6 a minute over 1 minute, within maximum 10 a minute", NoLatency, AlarmOk], verdict.Reasons);
    }

    [Fact]
    public void Evaluate_CountAndRateBothBreached_ListsBoth()
    {
        // Arrange
        var input = After("healthy,healthy", [Result("target5xx", 30), Result("requests", 100)], thresholds: Thresholds(max5xxPercent: 5));

        // Act
        var verdict = HealthEvaluator.Evaluate(input);

        // Assert
        Assert.Equal(HealthStatus.Unhealthy, verdict.Status);
        Assert.Equal(
            [
                "target 5XX 30 in the minute from 2026-01-01T01:00:00Z, above maximum 10 a minute (1 of 1 minute)",
                "target 5XX rate 30% (30 of 100 requests) in the minute from 2026-01-01T01:00:00Z, above maximum 5% (1 of 1 minute with requests)",
            ],
            verdict.Reasons);
    }

    public static TheoryData<string, int?, HealthStatus, string[]> AfterTrafficTargetCases => new()
    {
        // states, expectedTargets, status, reasons (minHealthyPercentage 75, no metric datapoints)
        { "healthy,healthy,healthy", 4, HealthStatus.Healthy,
            ["healthy 3/4 (75.0%) meets minimum 75%; 3 of 4 expected targets registered", No5xx, NoLatency, AlarmOk] },
        { "healthy,healthy", 4, HealthStatus.Unhealthy, ["healthy 2/4 (50.0%) below minimum 75%; 2 of 4 expected targets registered"] },
        { "", 1, HealthStatus.Unhealthy, ["healthy 0/1 (0.0%) below minimum 75%; 0 of 1 expected targets registered"] },
        { "healthy,initial", 2, HealthStatus.Unhealthy, ["healthy 1/2 (50.0%) below minimum 75%"] },
        { "healthy,initial", null, HealthStatus.Unhealthy, ["healthy 1/2 (50.0%) below minimum 75%"] },
        { "healthy,healthy,healthy,healthy", 2, HealthStatus.Healthy, ["healthy 4/4 (100.0%) meets minimum 75%", No5xx, NoLatency, AlarmOk] },
        { "", null, HealthStatus.Unhealthy, [NoTargetsWhileServing] },
        { "draining", null, HealthStatus.Unhealthy, [NoTargetsWhileServing] },
        { "healthy,healthy", 0, HealthStatus.Unhealthy, [NoneExpected] },
    };

    [Theory]
    [MemberData(nameof(AfterTrafficTargetCases))]
    public void Evaluate_AfterTraffic_TooFewHealthyTargetsIsUnhealthyNotPending(string states, int? expected, HealthStatus status, string[] reasons)
    {
        // Arrange: the color serves traffic, so waiting for targets would keep requests on too few of them.
        var input = After(states, [], expected: expected);

        // Act
        var verdict = HealthEvaluator.Evaluate(input);

        // Assert
        Assert.Null(verdict.Error);
        Assert.Equal(status, verdict.Status);
        Assert.Equal(reasons, verdict.Reasons);
    }

    public static TheoryData<MetricDataResult[], double?, string, double, double, double?> WorstMinuteCases => new()
    {
        // results, maxTarget5xxPercent, worst minute: timestamp, count, requests, percent
        { [Result("target5xx", 2, 9, 4), Result("requests", 100, 300, 50)], null, "2026-01-01T00:59:00Z", 9, 300, 3 },
        { [Result("target5xx", 2, 9), Result("requests", 10, 300)], 5, "2026-01-01T01:00:00Z", 2, 10, 20 },
        { [Result("target5xx", 6, 6), Result("requests", 300, 200)], null, "2026-01-01T00:59:00Z", 6, 200, 3 },
        { [Series("target5xx", (1, 4))], null, "2026-01-01T00:59:00Z", 4, 0, null },
        { [Result("requests", 100, 300)], null, "2026-01-01T01:00:00Z", 0, 100, 0 },
    };

    [Theory]
    [MemberData(nameof(WorstMinuteCases))]
    public void Evaluate_AfterTraffic_ReportsTheWorstMinute(
        MetricDataResult[] results, double? maxPercent, string timestamp, double count, double requests, double? percent)
    {
        // Act
        var worst = HealthEvaluator.Evaluate(After("healthy,healthy", results, thresholds: Thresholds(max5xxPercent: maxPercent))).Evidence.WorstMinute;

        // Assert
        Assert.Equal(new Target5xxMinute { Timestamp = timestamp, Target5xxCount = count, RequestCount = requests, Target5xxPercent = percent }, worst);
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
        Assert.Equal(["target 5XX 12 in the minute from 2026-01-01T01:00:00Z, above maximum 10 a minute (1 of 1 minute)"], verdict.Reasons);
    }

    [Fact]
    public void Evaluate_MetricsPendingButMetricFails_UnhealthyWinsAndListsBoth()
    {
        // Arrange
        var input = After("healthy,healthy", [Result("target5xx", 14), Result("p99") with { StatusCode = "InternalError" }]);

        // Act
        var verdict = HealthEvaluator.Evaluate(input);

        // Assert
        Assert.Equal(HealthStatus.Unhealthy, verdict.Status);
        Assert.Equal(
            [
                "metric data not available for p99 (CloudWatch InternalError); will retry",
                "target 5XX 14 in the minute from 2026-01-01T01:00:00Z, above maximum 10 a minute (1 of 1 minute)",
            ],
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
                "target 5XX 14 in the minute from 2026-01-01T01:00:00Z, above maximum 10 a minute (1 of 1 minute)",
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
            Result("target5xx", 1, 2), Result("p99", 0.1234, 0.25), Result("requests", 100, 250.5), Series("requests", (2, 49.5)),
            new MetricDataResult { Id = "target5xx", Values = null, StatusCode = "PartialData" },
        ];
        var input = After("healthy,healthy", results, "INSUFFICIENT_DATA");

        // Act
        var evidence = HealthEvaluator.Evaluate(input).Evidence;

        // Assert
        Assert.Equal(3, evidence.Target5xxCount);
        Assert.Equal(250, evidence.P99ResponseTimeMs);
        Assert.Equal(400, evidence.RequestCount);
        Assert.Equal(new Target5xxMinute { Timestamp = Minute(1), Target5xxCount = 2, RequestCount = 250.5, Target5xxPercent = 0.8 }, evidence.WorstMinute);
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
        Assert.Null(evidence.WorstMinute);
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
