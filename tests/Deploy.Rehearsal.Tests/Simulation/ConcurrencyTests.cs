using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation;

namespace Deploy.Rehearsal.Tests.Simulation;

/// <summary>
/// Executions interleave at simulated-time granularity (SimulatedWorld.Concurrency.cs): one that waits lets the others
/// act, and wakes at its own instant whatever the others do meanwhile.
/// </summary>
[Collection(nameof(ScenarioCollection))]
public class ConcurrencyTests(ScenarioFixture fixture)
{
    private static JsonObject Request(string version) => new()
    {
        ["version"] = version,
        ["imageId"] = "ami-0123456789abcdef0",
        ["strategy"] = "AllAtOnce",
    };

    [Fact]
    public void RunScenario_RetireWakesDuringASecondDeployment_ItActsAtItsOwnInstantAndFindsTheLockHeld()
    {
        // Arrange: the retire step of the first deployment waits 10 minutes; a second deployment starts 2 minutes after
        // the first one ended and takes longer than the 8 minutes left.
        var scenario = new Scenario
        {
            Request = Request("v1.0.0"),
            Settings = new JsonObject { ["retainPreviousForMinutes"] = 10 },
            Later = [new LaterExecution { AtSeconds = FirstDeploymentSeconds + 120, Machine = "Deploy", Input = Request("v2.0.0") }],
        };

        // Act
        var (_, world, first) = fixture.Run(scenario);

        // Assert
        var timeline = string.Join("\n", world.Executions.Where(e => e.Machine != "HealthProbe")
            .Select(e => $"{e.Name} ({e.Why}): {(e.StartedAt - SimulatedWorld.Epoch).TotalSeconds} s .. {(e.EndedAt - SimulatedWorld.Epoch).TotalSeconds} s {e.Result?.StatusName}"));
        Assert.True(first.Result!.Succeeded, timeline);
        var second = world.Executions.Single(e => e.Machine == "Deploy" && e.Why == "operator");
        var retire = world.Executions.First(e => e.Machine == "Deploy" && e.Input?["retirePrevious"] is not null);
        Assert.True(second.Result!.Succeeded, timeline);
        var retireLock = retire.Calls.Single(c => c.State == "LockForRetire").At;
        Assert.Equal(retire.StartedAt.AddMinutes(10), retireLock);
        Assert.True(second.StartedAt < retireLock && retireLock < second.EndedAt, timeline);
        Assert.True(retire.EndedAt < second.EndedAt, timeline);
        Assert.Contains("lockError", retire.Result!.Output?.ToJsonString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void RunScenario_AConcurrentExecutionFails_TheFailureReachesTheDriverAndTheOthersAreCancelled()
    {
        // Arrange: an operator rollback 60 s into the deployment (which sleeps in its grace period then); the world fails
        // while answering the rollback's first task.
        var scenario = new Scenario
        {
            Request = Request("v1.0.0"),
            Later = [new LaterExecution { AtSeconds = 60, Machine = "Rollback", Input = new JsonObject { ["reason"] = "test" } }],
        };
        var stack = fixture.App.Stack(scenario.Environment, scenario.Settings);
        var world = new SimulatedWorld(fixture.Engine, stack, scenario);
        world.TaskStarting = (execution, _) =>
        {
            if (execution.Machine == "Rollback")
            {
                throw new InvalidDataException("the world broke in the rollback");
            }
        };

        // Act
        var error = Assert.Throws<InvalidDataException>(() => world.RunScenario());

        // Assert: the deployment, asleep when the rollback failed, was cancelled (it never acted again).
        Assert.Equal("the world broke in the rollback", error.Message);
        var deploy = world.Executions.First(e => e.Machine == "Deploy");
        Assert.DoesNotContain(deploy.Calls, c => c.At > SimulatedWorld.Epoch.AddSeconds(60));
        Assert.Equal(ExecutionStatus.Succeeded, fixture.Engine.Run(
            JsonNode.Parse("""{ "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }""")!.AsObject(), null, TaskHandler.From(c => TaskOutcome.Success(c.Input))).Status);
    }

    /// <summary>How long the default AllAtOnce deployment of the bundled app takes (grace, polls, bake).</summary>
    private const int FirstDeploymentSeconds = 600;
}
