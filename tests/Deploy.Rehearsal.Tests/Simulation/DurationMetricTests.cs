using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation;
using Deploy.Rehearsal.Tests.TestSupport;

namespace Deploy.Rehearsal.Tests.Simulation;

/// <summary>
/// The DeploymentDuration metric and the record's durationSeconds, against the simulated time the deployment took: measured
/// by the HealthCheck handler from the Deploy execution's start to the last probe's evaluation.
/// </summary>
[Collection(nameof(ScenarioCollection))]
public class DurationMetricTests(ScenarioFixture fixture)
{
    /// <summary>The simulated seconds a probe takes from its start to the handler's verdict, and a little more.</summary>
    private const double ProbeSeconds = 5;

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
        var duration = PublishedDuration(world);
        var took = (first.EndedAt - first.StartedAt).TotalSeconds;
        // Measured to the last bake probe: only what follows it (finalize, record, metrics, notify) is not in it.
        Assert.InRange(duration, took - 60, took);
        Assert.InRange(duration, ToLastProbe(world, first), ToLastProbe(world, first) + ProbeSeconds);
    }

    [Fact]
    public void Deploy_ApprovalAnsweredAfterSeconds_DurationIsTheMeasuredTimeToTheLastProbeApprovalWaitIncluded()
    {
        // Arrange: the same deployment, approved after 5 minutes and after 25 minutes.
        Scenario Approved(double afterSeconds) => new()
        {
            Settings = new JsonObject { ["approvalRequired"] = true },
            Request = new JsonObject { ["version"] = "v6.1.0", ["imageId"] = "ami-0123456789abcdef0", ["strategy"] = "AllAtOnce" },
            Approval = new Approval { Decision = "approve", AfterSeconds = afterSeconds },
        };

        // Act
        var quick = fixture.Run(Approved(300));
        var slow = fixture.Run(Approved(1500));

        // Assert
        var durations = new List<double>();
        foreach (var (_, world, first) in new[] { quick, slow })
        {
            Assert.True(first.Result!.Succeeded, $"{first.Result.Error}: {first.Result.Cause}");
            Assert.Contains(world.Notifications, n => n.Event == "AwaitingApproval");
            var duration = PublishedDuration(world);
            var toLastProbe = ToLastProbe(world, first);
            Assert.InRange(duration, toLastProbe, toLastProbe + ProbeSeconds);
            // The record says the same as the metric.
            Assert.Equal(duration, RecordedDuration(world));
            durations.Add(duration);
        }

        // The 20 minutes more the approval waited are in the figure (the counted waits alone would give the same for both).
        Assert.InRange(durations[1] - durations[0], 1200 - ProbeSeconds, 1200 + ProbeSeconds);
        Assert.True(durations[0] > 300, $"the quick deployment's duration {durations[0]} s should include its 300 s approval wait");
    }

    [Fact]
    public void Deploy_RolledBackByAProbe_RecordsTheDurationThatProbeMeasured()
    {
        // Arrange: the canary answers 5XX; the probe between steps rolls back.
        var scenario = Scenario.Load(Path.Combine(ScenarioFixture.ScenarioDirectory, "errors-after-shift-roll-back.json"));

        // Act
        var (_, world, first) = fixture.Run(scenario);

        // Assert
        Assert.Equal(Deploy.Contracts.DeployErrors.RolledBack, first.Result!.Error);
        var toLastProbe = ToLastProbe(world, first);
        // The canary bake (5 minutes) and the grace period are counted too, but the measure of the probe that saw the
        // errors is the larger: it also holds the time the tasks took.
        Assert.InRange(RecordedDuration(world), toLastProbe, toLastProbe + ProbeSeconds);
    }

    private static double PublishedDuration(SimulatedWorld world) =>
        world.Metrics.Single(m => m["MetricName"]?.GetValue<string>() == "DeploymentDuration")["Value"]!.GetValue<double>();

    private static double RecordedDuration(SimulatedWorld world)
    {
        var record = world.Table.Items.Values.Single(i => i["sk"]?["S"]?.GetValue<string>().StartsWith("DEPLOYMENT#", StringComparison.Ordinal) == true);
        return Assert.IsType<double>(SimulatedTable.Plain(record["durationSeconds"]));
    }

    /// <summary>Simulated seconds from the Deploy execution's start to the start of the last HealthProbe it ran.</summary>
    private static double ToLastProbe(SimulatedWorld world, SimulatedWorld.ExecutionRecord deploy) =>
        (world.Executions.Last(e => e.Machine == "HealthProbe" && e.Parent == deploy).StartedAt - deploy.StartedAt).TotalSeconds;
}
