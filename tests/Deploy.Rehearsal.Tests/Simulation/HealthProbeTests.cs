using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation;

namespace Deploy.Rehearsal.Tests.Simulation;

/// <summary>
/// The synthesized HealthProbe state machine against the simulated world, with the real HealthCheck handler: the
/// optional <c>expectedTargets</c> input, and GetMetricData answered minute by minute from the world's metric history.
/// </summary>
[Collection(nameof(ScenarioCollection))]
public class HealthProbeTests(ScenarioFixture fixture)
{
    private static JsonObject Probe(string phase, int? expectedTargets = null)
    {
        var input = new JsonObject { ["color"] = "blue", ["phase"] = phase };
        if (phase == "AfterTraffic")
        {
            input["since"] = "2026-01-01T00:00:30.000Z";
        }

        if (expectedTargets is { } expected)
        {
            input["expectedTargets"] = expected;
        }

        return input;
    }

    /// <summary>Blue serves all traffic with 2 instances; the world's clock is <paramref name="seconds"/> after the epoch.</summary>
    private SimulatedWorld World(double seconds, Scenario? scenario = null)
    {
        scenario ??= new Scenario();
        var world = new SimulatedWorld(fixture.Engine, fixture.App.Stack(scenario.Environment, scenario.Settings), scenario);
        world.AdvanceTo(SimulatedWorld.Epoch.AddSeconds(seconds));
        return world;
    }

    private static JsonObject Run(SimulatedWorld world, JsonObject input)
    {
        var probe = world.RunExecution("HealthProbe", input, "test");
        Assert.True(probe.Result!.Succeeded, $"{probe.Result.Error}: {probe.Result.Cause}");
        return probe.Result.Output!.AsObject();
    }

    public static TheoryData<int?, string, string> ExpectedTargetCases => new()
    {
        // expectedTargets, status, first reason (2 healthy targets registered)
        { null, "Healthy", "healthy 2/2 (100.0%) meets minimum 50%" },
        { 2, "Healthy", "healthy 2/2 (100.0%) meets minimum 50%" },
        { 4, "Pending", "waiting for instances to register: 2 of 4 expected targets registered" },
        { 0, "Unhealthy", "0 targets expected (the group's desired capacity is 0): a color without instances is never healthy" },
    };

    [Theory]
    [MemberData(nameof(ExpectedTargetCases))]
    public void HealthProbe_ExpectedTargetsGivenOrNot_ReachesTheHandler(int? expected, string status, string reason)
    {
        // Arrange
        var world = World(120);

        // Act
        var verdict = Run(world, Probe("BeforeTraffic", expected));

        // Assert
        Assert.Equal(status, verdict["status"]!.GetValue<string>());
        Assert.Equal(reason, verdict["reasons"]![0]!.GetValue<string>());
        Assert.Equal(expected, verdict["evidence"]!["expectedTargets"]?.GetValue<int>());
    }

    [Fact]
    public void GetMetricData_PerMinuteHistory_AnswersOneDatapointPerCompleteMinuteNewestFirst()
    {
        // Arrange: blue answers 8 errors a minute from 00:02:00 to 00:05:00; the probe runs at 00:10:30.
        var world = World(630, Timeline((120, 8), (300, 0)));
        JsonObject? answer = null;
        world.TaskAnswered = (_, call, outcome) => answer = call.StateName == "GetMetricData" ? outcome.Output!.AsObject() : answer;

        // Act
        Run(world, Probe("AfterTraffic"));

        // Assert: StartTime 00:00:30 rounds down to 00:00; the minute in progress (00:10) is not published yet.
        var results = answer!["MetricDataResults"]!.AsArray().ToDictionary(r => r!["Id"]!.GetValue<string>());
        Assert.Equal(["2026-01-01T00:04:00.000Z", "2026-01-01T00:03:00.000Z", "2026-01-01T00:02:00.000Z"], Strings(results["target5xx"]!["Timestamps"]));
        Assert.Equal([8.0, 8.0, 8.0], Numbers(results["target5xx"]!["Values"]));
        Assert.Equal(Enumerable.Range(0, 10).Reverse().Select(m => $"2026-01-01T00:{m:00}:00.000Z"), Strings(results["requests"]!["Timestamps"]));
        Assert.All(Numbers(results["requests"]!["Values"]), v => Assert.Equal(1200, v));
        Assert.Equal(10, results["p99"]!["Values"]!.AsArray().Count);
    }

    [Fact]
    public void GetMetricData_RateChangesWithinAMinute_CountsTheTimeEachRateApplied()
    {
        // Arrange: 40 errors a minute from 00:01:30, so the minute from 00:01 has 20.
        var world = World(180, Timeline((90, 40)));
        JsonObject? answer = null;
        world.TaskAnswered = (_, call, outcome) => answer = call.StateName == "GetMetricData" ? outcome.Output!.AsObject() : answer;

        // Act
        Run(world, Probe("AfterTraffic"));

        // Assert
        var errors = answer!["MetricDataResults"]!.AsArray().Single(r => r!["Id"]!.GetValue<string>() == "target5xx")!;
        Assert.Equal(["2026-01-01T00:02:00.000Z", "2026-01-01T00:01:00.000Z"], Strings(errors["Timestamps"]));
        Assert.Equal([40.0, 20.0], Numbers(errors["Values"]));
    }

    [Fact]
    public void HealthProbe_ErrorsWithinTheLimitEveryMinute_IsHealthyThoughTheirSumIsNot()
    {
        // Arrange: 8 a minute for 3 minutes is 24 in the window, but never more than 10 in a minute.
        var world = World(630, Timeline((120, 8), (300, 0)));

        // Act
        var verdict = Run(world, Probe("AfterTraffic"));

        // Assert
        Assert.Equal("Healthy", verdict["status"]!.GetValue<string>());
        Assert.Contains("target 5XX at most 8 a minute over 10 minutes, within maximum 10 a minute", Strings(verdict["reasons"]));
        Assert.Equal(24, verdict["evidence"]!["target5xxCount"]!.GetValue<double>());
        Assert.Equal("2026-01-01T00:04:00.000Z", verdict["evidence"]!["worstMinute"]!["timestamp"]!.GetValue<string>());
    }

    [Fact]
    public void HealthProbe_OneMinuteAboveTheLimit_IsUnhealthy()
    {
        // Arrange
        var world = World(630, Timeline((120, 12), (180, 0)));

        // Act
        var verdict = Run(world, Probe("AfterTraffic"));

        // Assert
        Assert.Equal("Unhealthy", verdict["status"]!.GetValue<string>());
        Assert.Equal(["target 5XX 12 in the minute from 2026-01-01T00:02:00.000Z, above maximum 10 a minute (1 of 10 minutes)"], Strings(verdict["reasons"]));
    }

    [Fact]
    public void HealthProbe_MaxTarget5xxPercentConfigured_JudgesTheRatePerMinute()
    {
        // Arrange: 8 of 1,200 requests a minute is 0.67 %, above a configured 0.5 %.
        var scenario = Timeline((120, 8), (300, 0)) with { Settings = new JsonObject { ["maxTarget5xxPercent"] = 0.5 } };
        var world = World(630, scenario);

        // Act
        var verdict = Run(world, Probe("AfterTraffic"));

        // Assert
        Assert.Equal("Unhealthy", verdict["status"]!.GetValue<string>());
        Assert.Equal(
            ["target 5XX rate 0.67% (8 of 1200 requests) in the minute from 2026-01-01T00:04:00.000Z, above maximum 0.5% (3 of 10 minutes with requests)"],
            Strings(verdict["reasons"]));
    }

    private static Scenario Timeline(params (double AtSeconds, double ErrorsPerMinute)[] changes) => new()
    {
        Timeline = changes.Select(c => new TimelineEvent { AtSeconds = c.AtSeconds, Color = "blue", ErrorsPerMinute = c.ErrorsPerMinute }).ToList(),
    };

    private static string[] Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    private static double[] Numbers(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<double>()).ToArray();
}
