using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation;

namespace Deploy.Rehearsal.Tests.Simulation;

/// <summary>Per-application-version behaviour (<see cref="Scenario.Versions"/>), matched through the deploy:version tag.</summary>
[Collection(nameof(ScenarioCollection))]
public class VersionBehaviourTests(ScenarioFixture fixture)
{
    private static readonly Scenario Seeded = new()
    {
        Versions = new() { ["v2.0.0"] = new VersionBehaviour { ErrorsPerMinute = 50 } },
    };

    private static JsonObject Request(string version) => new()
    {
        ["version"] = version,
        ["imageId"] = "ami-0123456789abcdef0",
        ["strategy"] = "AllAtOnce",
    };

    [Fact]
    public void Deploy_VersionThatAnswers5xx_RollsBackWithHealthCheckFailed()
    {
        // Arrange
        var scenario = Seeded with { Request = Request("v2.0.0") };

        // Act
        var (_, world, first) = fixture.Run(scenario);

        // Assert
        Assert.Equal(ExecutionStatus.Failed, first.Result!.Status);
        Assert.Equal("Deploy.RolledBack", first.Result.Error);
        Assert.Contains("Deploy.HealthCheckFailed", first.Result.Cause, StringComparison.Ordinal);
        Assert.Equal(100, world.Weights[world.OldColor]);
        Assert.Contains(world.Verdicts, v => v.Color == world.NewColor && v.Phase == "AfterTraffic" && v.Status == "Unhealthy");
        Assert.Empty(Invariants.Check(world, first));
    }

    [Fact]
    public void Deploy_VersionWithoutBehaviour_Succeeds()
    {
        // Arrange
        var scenario = Seeded with { Request = Request("v1.1.0") };

        // Act
        var (_, world, first) = fixture.Run(scenario);

        // Assert
        Assert.True(first.Result!.Succeeded, $"{first.Result.Error}: {first.Result.Cause}");
        Assert.Equal(100, world.Weights[world.NewColor]);
        Assert.Equal(["v1.1.0"], world.VersionsOf(world.NewColor));
        Assert.Empty(Invariants.Check(world, first));
    }

    [Fact]
    public void Deploy_DemoWorldTwiceInOneWorld_GoodVersionStaysLiveAfterBadOneRollsBack()
    {
        // Arrange
        var demo = Scenario.Load(Path.Combine(Repository.Root, "scripts", "local-engine", "demo-world.json"));
        var world = new SimulatedWorld(fixture.Engine, fixture.App.Stack(demo.Environment, demo.Settings), demo);

        // Act
        var good = world.RunExecution("Deploy", Request("v1.1.0"), "operator");
        world.Drain();
        var goodColor = world.Weights.Single(w => w.Value == 100).Key;
        var bad = world.RunExecution("Deploy", Request("v2.0.0"), "operator");
        world.Drain();

        // Assert
        Assert.True(good.Result!.Succeeded, $"{good.Result.Error}: {good.Result.Cause}");
        Assert.Equal("Deploy.RolledBack", bad.Result!.Error);
        Assert.Contains("Deploy.HealthCheckFailed", bad.Result.Cause, StringComparison.Ordinal);
        Assert.Equal(100, world.Weights[goodColor]);
        Assert.Equal(["v1.1.0"], world.VersionsOf(goodColor));
    }
}
