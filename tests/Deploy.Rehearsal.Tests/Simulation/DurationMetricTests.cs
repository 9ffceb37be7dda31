using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation;
using Deploy.Rehearsal.Tests.TestSupport;

namespace Deploy.Rehearsal.Tests.Simulation;

/// <summary>The DeploymentDuration metric the Deploy flow counts, against the simulated time the deployment took.</summary>
[Collection(nameof(ScenarioCollection))]
public class DurationMetricTests(ScenarioFixture fixture)
{
    [Theory]
    [InlineData("Canary")]
    [InlineData("Linear")]
    [InlineData("AllAtOnce")]
    public void Deploy_HealthyStrategy_DurationMetricCountsEveryWaitIncludingTheStepWaits(string strategy)
    {
        // Arrange
        var scenario = new Scenario
        {
            Request = new JsonObject { ["version"] = "v6.0.0", ["imageId"] = "ami-0123456789abcdef0", ["strategy"] = strategy },
        };

        // Act
        var (_, world, first) = fixture.Run(scenario);

        // Assert
        Assert.True(first.Result!.Succeeded, $"{first.Result.Error}: {first.Result.Cause}");
        var duration = world.Metrics.Single(m => m["MetricName"]?.GetValue<string>() == "DeploymentDuration")["Value"]!.GetValue<double>();
        var took = (first.EndedAt - first.StartedAt).TotalSeconds;
        // Counted from the waits: only the time tasks take (seconds of retries and probes) is not in it.
        Assert.InRange(duration, took - 60, took);
    }
}
