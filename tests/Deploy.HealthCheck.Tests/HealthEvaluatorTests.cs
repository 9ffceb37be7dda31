using Deploy.Contracts;
using static Deploy.HealthCheck.Tests.HealthInputs;
using static Deploy.HealthCheck.Tests.HealthReasonTexts;

namespace Deploy.HealthCheck.Tests;

/// <summary>Target-health rules, which apply in both phases (exercised before traffic).</summary>
public partial class HealthEvaluatorTests
{
    public static TheoryData<string, double, int?, HealthStatus, string[]> TargetHealthCases => new()
    {
        // states, minHealthyPercentage, expectedTargets, status, reasons
        { "healthy,healthy,healthy,healthy", 75, null, HealthStatus.Healthy, ["healthy 4/4 (100.0%) meets minimum 75%"] },
        { "healthy,healthy,healthy,unhealthy", 75, null, HealthStatus.Healthy, ["healthy 3/4 (75.0%) meets minimum 75%"] },
        { "healthy,healthy,unhealthy,unhealthy", 75, null, HealthStatus.Unhealthy, ["healthy 2/4 (50.0%) below minimum 75%"] },
        { "healthy,initial,initial,initial", 75, null, HealthStatus.Pending,
            ["health checks still in progress: 3 targets initial; healthy 1/4 (25.0%) below minimum 75%"] },
        { "healthy,unhealthy,initial", 100, null, HealthStatus.Pending,
            ["health checks still in progress: 1 target initial; healthy 1/3 (33.3%) below minimum 100%"] },
        { "healthy,healthy,healthy,draining,draining", 100, null, HealthStatus.Healthy, ["healthy 3/3 (100.0%) meets minimum 100%"] },
        { "draining,draining", 75, null, HealthStatus.Pending, [NoTargets] },
        { "", 75, null, HealthStatus.Pending, [NoTargets] },
        { "healthy,healthy,unused", 50, null, HealthStatus.Unhealthy, [OneUnused] },
        { "unavailable,unavailable", 75, null, HealthStatus.Unhealthy, [TwoUnavailable, "healthy 0/2 (0.0%) below minimum 75%"] },
        { "unused,initial", 75, null, HealthStatus.Unhealthy,
            [OneUnused, "health checks still in progress: 1 target initial; healthy 0/2 (0.0%) below minimum 75%"] },
        { "healthy,unhealthy.draining", 75, null, HealthStatus.Unhealthy, ["healthy 1/2 (50.0%) below minimum 75%"] },
        { "healthy,healthy,healthy,some.future.state", 75, null, HealthStatus.Healthy, ["healthy 3/4 (75.0%) meets minimum 75%"] },
        { "healthy,healthy,unhealthy", 66.7, null, HealthStatus.Unhealthy, ["healthy 2/3 (66.7%) below minimum 66.7%"] },

        // A 0 % minimum still needs one healthy target: a color without one cannot serve.
        { "healthy,unhealthy", 0, null, HealthStatus.Healthy, ["healthy 1/2 (50.0%) meets minimum 0%"] },
        { "unhealthy", 0, null, HealthStatus.Unhealthy, ["healthy 0/1: no healthy target, and a color without one is never healthy"] },
        { "initial", 0, null, HealthStatus.Pending,
            ["health checks still in progress: 1 target initial; healthy 0/1: no healthy target, and a color without one is never healthy"] },

        // The case: 1 of 4 targets registered and healthy is not Healthy when 4 are expected.
        { "healthy", 75, null, HealthStatus.Healthy, ["healthy 1/1 (100.0%) meets minimum 75%"] },
        { "healthy", 75, 4, HealthStatus.Pending, ["waiting for instances to register: 1 of 4 expected targets registered"] },
        { "healthy,healthy,healthy,healthy", 75, 4, HealthStatus.Healthy, ["healthy 4/4 (100.0%) meets minimum 75%"] },
        { "", 75, 2, HealthStatus.Pending, ["waiting for instances to register: 0 of 2 expected targets registered"] },

        // Draining targets are leaving: they do not count as registered; initial and unhealthy.draining ones do, but not as healthy.
        { "healthy,healthy,healthy,draining", 75, 4, HealthStatus.Pending, ["waiting for instances to register: 3 of 4 expected targets registered"] },
        { "healthy,healthy,draining", 75, 2, HealthStatus.Healthy, ["healthy 2/2 (100.0%) meets minimum 75%"] },
        { "initial,initial", 75, 2, HealthStatus.Pending, ["health checks still in progress: 2 targets initial; healthy 0/2 (0.0%) below minimum 75%"] },
        { "healthy,unhealthy.draining", 75, 2, HealthStatus.Unhealthy, ["healthy 1/2 (50.0%) below minimum 75%"] },
        { "healthy,unused", 50, 2, HealthStatus.Unhealthy, [OneUnused] },

        // More registered than expected (a scale-in not finished): the share is of every registered target.
        { "healthy,healthy,healthy,healthy", 75, 2, HealthStatus.Healthy, ["healthy 4/4 (100.0%) meets minimum 75%"] },
        { "healthy,healthy,unhealthy,unhealthy", 75, 2, HealthStatus.Unhealthy, ["healthy 2/4 (50.0%) below minimum 75%"] },
        { "healthy,healthy,initial,initial", 75, 2, HealthStatus.Pending,
            ["health checks still in progress: 2 targets initial; healthy 2/4 (50.0%) below minimum 75%"] },
        { "healthy,healthy,draining,draining", 75, 2, HealthStatus.Healthy, ["healthy 2/2 (100.0%) meets minimum 75%"] },

        // A group scaled to 0 is never Healthy, even while its last targets are still registered.
        { "", 75, 0, HealthStatus.Unhealthy, [NoneExpected] },
        { "healthy,healthy", 75, 0, HealthStatus.Unhealthy, [NoneExpected] },
        { "draining", 75, 0, HealthStatus.Unhealthy, [NoneExpected] },
    };

    [Theory]
    [MemberData(nameof(TargetHealthCases))]
    public void Evaluate_TargetHealth_AppliesRule(string states, double minimum, int? expected, HealthStatus status, string[] reasons)
    {
        // Arrange
        var input = Before(states, Thresholds(min: minimum), expected);

        // Act
        var verdict = HealthEvaluator.Evaluate(input);

        // Assert
        Assert.Null(verdict.Error);
        Assert.Equal(status, verdict.Status);
        Assert.Equal(reasons, verdict.Reasons);
    }

    public static TheoryData<string, int?, string?, HealthStatus, string[]> BeforeTrafficAlarmCases => new()
    {
        // states, expectedTargets, alarm state, status, reasons
        // The slow boot: targets healthy, the color's alarm not back to OK yet. Traffic waits; it is not a failure.
        { "healthy,healthy", 2, "ALARM", HealthStatus.Pending, [AlarmWaitsBeforeTraffic] },
        { "healthy,healthy", 2, "OK", HealthStatus.Healthy, [TwoHealthy, AlarmOk] },
        { "healthy,healthy", 2, "INSUFFICIENT_DATA", HealthStatus.Healthy, [TwoHealthy, AlarmInsufficientData] },
        { "healthy,healthy", 2, null, HealthStatus.Healthy, [TwoHealthy] },
        // Still booting and in ALARM: both say why the verdict waits.
        { "healthy,initial", 2, "ALARM", HealthStatus.Pending,
            ["health checks still in progress: 1 target initial; healthy 1/2 (50.0%) below minimum 75%", AlarmWaitsBeforeTraffic] },
        // A boot that failed is still caught by target health: the worst check wins over the alarm's wait (both are listed).
        { "unhealthy,unhealthy", 2, "ALARM", HealthStatus.Unhealthy, ["healthy 0/2 (0.0%) below minimum 75%", AlarmWaitsBeforeTraffic] },
        { "", 0, "ALARM", HealthStatus.Unhealthy, [NoneExpected, AlarmWaitsBeforeTraffic] },
    };

    [Theory]
    [MemberData(nameof(BeforeTrafficAlarmCases))]
    public void Evaluate_BeforeTrafficAlarmState_WaitsOnlyWhileInAlarm(
        string states, int? expected, string? alarmState, HealthStatus status, string[] reasons)
    {
        // Arrange
        var input = Before(states, expected: expected) with { AlarmState = alarmState };

        // Act
        var verdict = HealthEvaluator.Evaluate(input);

        // Assert
        Assert.Null(verdict.Error);
        Assert.Equal(status, verdict.Status);
        Assert.Equal(reasons, verdict.Reasons);
        Assert.Equal(alarmState, verdict.Evidence.AlarmState);
    }

    [Fact]
    public void Evaluate_HealthyTargetsInAlarm_PendingBeforeTrafficUnhealthyAfter()
    {
        // Arrange
        var before = Before("healthy,healthy", expected: 2) with { AlarmState = "ALARM" };

        // Act
        var verdictBefore = HealthEvaluator.Evaluate(before);
        var verdictAfter = HealthEvaluator.Evaluate(After("healthy,healthy", [], "ALARM", expected: 2));

        // Assert
        Assert.Equal(HealthStatus.Pending, verdictBefore.Status);
        Assert.Equal(HealthStatus.Unhealthy, verdictAfter.Status);
        Assert.Contains(InAlarm, verdictAfter.Reasons);
    }

    [Fact]
    public void Evaluate_BeforeTraffic_IgnoresMetricsAndReportsNullMetricEvidence()
    {
        // Arrange
        var input = Before("healthy,healthy,initial,draining") with
        {
            MetricData = new GetMetricDataResponse { MetricDataResults = [Result("target5xx", 500), Result("p99", 9)] },
            AlarmState = "OK",
        };

        // Act
        var verdict = HealthEvaluator.Evaluate(input);

        // Assert
        Assert.Equal(HealthStatus.Unhealthy, HealthEvaluator.Evaluate(input with { Phase = "AfterTraffic" }).Status);
        Assert.Equal(HealthStatus.Pending, verdict.Status);
        Assert.Equal(["health checks still in progress: 1 target initial; healthy 2/3 (66.7%) below minimum 75%"], verdict.Reasons);
        var evidence = verdict.Evidence;
        Assert.Equal(3, evidence.Targets);
        Assert.Equal(2, evidence.Healthy);
        Assert.Equal(66.7, evidence.HealthyPercentage);
        Assert.Equal(new Dictionary<string, int> { ["healthy"] = 2, ["initial"] = 1, ["draining"] = 1 }, evidence.CountsByState);
        Assert.Null(evidence.ExpectedTargets);
        Assert.Null(evidence.Target5xxCount);
        Assert.Null(evidence.P99ResponseTimeMs);
        Assert.Null(evidence.RequestCount);
        Assert.Null(evidence.WorstMinute);
        Assert.Equal("OK", evidence.AlarmState);
    }

    public static TheoryData<string, int?, int, double> PercentageCases => new()
    {
        // states, expectedTargets, targets (registered), healthyPercentage
        { "healthy,healthy,healthy", 4, 3, 75 },
        { "healthy,healthy,healthy,healthy,draining", 2, 4, 100 },
        { "healthy,unhealthy,initial", 2, 3, 33.3 },
        { "healthy,unhealthy", null, 2, 50 },
        { "", 0, 0, 0 },
        { "", null, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(PercentageCases))]
    public void Evaluate_Evidence_TakesTheShareOfTheLargerOfRegisteredAndExpected(string states, int? expected, int targets, double percentage)
    {
        // Act
        var evidence = HealthEvaluator.Evaluate(Before(states, expected: expected)).Evidence;

        // Assert
        Assert.Equal(targets, evidence.Targets);
        Assert.Equal(expected, evidence.ExpectedTargets);
        Assert.Equal(percentage, evidence.HealthyPercentage);
    }

    [Fact]
    public void Evaluate_ThousandTargetsMostlyHealthy_CountsEveryTargetInOnePass()
    {
        // Arrange: 760 healthy, 200 initial, 40 draining -> 760/960 = 79.2%
        var states = Enumerable.Repeat("healthy", 760).Concat(Enumerable.Repeat("initial", 200)).Concat(Enumerable.Repeat("draining", 40));
        var input = Before("", Thresholds(min: 75), expected: 960) with { TargetHealth = Targets(states) };

        // Act
        var verdict = HealthEvaluator.Evaluate(input);

        // Assert
        Assert.Equal(HealthStatus.Healthy, verdict.Status);
        Assert.Equal(["healthy 760/960 (79.2%) meets minimum 75%"], verdict.Reasons);
        Assert.Equal(960, verdict.Evidence.Targets);
        Assert.Equal(960, verdict.Evidence.ExpectedTargets);
        Assert.Equal(79.2, verdict.Evidence.HealthyPercentage);
        Assert.Equal(new Dictionary<string, int> { ["healthy"] = 760, ["initial"] = 200, ["draining"] = 40 }, verdict.Evidence.CountsByState);
    }

    [Fact]
    public void Evaluate_ThousandTargetsBelowMinimumWithInitial_IsPending()
    {
        // Arrange: 700 healthy, 250 unhealthy, 50 initial -> 70.0%
        var states = Enumerable.Repeat("unhealthy", 250).Concat(Enumerable.Repeat("healthy", 700)).Concat(Enumerable.Repeat("initial", 50));
        var input = Before("") with { TargetHealth = Targets(states) };

        // Act
        var verdict = HealthEvaluator.Evaluate(input);

        // Assert
        Assert.Equal(HealthStatus.Pending, verdict.Status);
        Assert.Equal(["health checks still in progress: 50 targets initial; healthy 700/1000 (70.0%) below minimum 75%"], verdict.Reasons);
    }
}
