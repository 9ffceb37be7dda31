using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Deploy.LocalEngine.Tests;

[Collection(EngineCollection.Name)]
public class LocalEngineTests(EngineFixture fixture, ITestOutputHelper output)
{
    private const string Request = """{"version":"v1.1.0","imageId":"ami-0123456789abcdef0","strategy":"AllAtOnce"}""";

    private StepFunctionsClient Client => fixture.Client;

    [Fact]
    public async Task ListStateMachines_BothEnvironments_ShowsTenMachines()
    {
        // Act
        var body = await Client.Call("ListStateMachines", new JsonObject());

        // Assert
        var machines = body["stateMachines"]!.AsArray().Select(m => m!.AsObject()).ToList();
        Assert.Equal(
            ["webapp-production-deploy", "webapp-production-health-probe", "webapp-production-recovery", "webapp-production-rollback", "webapp-production-unlock",
                "webapp-staging-deploy", "webapp-staging-health-probe", "webapp-staging-recovery", "webapp-staging-rollback", "webapp-staging-unlock"],
            machines.Select(m => (string)m["name"]!).Order(StringComparer.Ordinal));
        Assert.All(machines, m => Assert.StartsWith("arn:aws:states:us-east-1:123456789012:stateMachine:", (string)m["stateMachineArn"]!, StringComparison.Ordinal));
        Assert.Equal("EXPRESS", (string)machines.Single(m => (string)m["name"]! == "webapp-staging-health-probe")["type"]!);
        Assert.Equal("STANDARD", (string)machines.Single(m => (string)m["name"]! == "webapp-staging-deploy")["type"]!);
    }

    [Fact]
    public async Task StartExecution_StagingDeploy_SucceedsWithNamedStatesInHistory()
    {
        // Act
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var arn = await Client.Start("webapp-staging-deploy", Request);
        var described = await Client.WaitUntilDone(arn);
        var history = await Client.History(arn);

        // Assert
        Assert.Equal("SUCCEEDED", (string)described["status"]!);
        Assert.StartsWith("arn:aws:states:us-east-1:123456789012:execution:webapp-staging-deploy:", arn, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, history.Count), history.Select(e => (int)e["id"]!));
        Assert.Equal("ExecutionStarted", (string)history[0]["type"]!);
        Assert.Equal("ExecutionSucceeded", (string)history[^1]["type"]!);
        var entered = history.Where(e => ((string)e["type"]!).EndsWith("StateEntered", StringComparison.Ordinal))
            .Select(e => ((string)e["type"]!, (string)e["stateEnteredEventDetails"]!["name"]!)).ToList();
        Assert.Contains(("TaskStateEntered", "ValidateRequest"), entered);
        Assert.Contains(("ChoiceStateEntered", "WhichColorIsLive"), entered);
        Assert.Contains(("WaitStateEntered", "GracePeriod"), entered);
        Assert.Contains(("TaskStateEntered", "ShiftTrafficToGreen"), entered);
        Assert.Contains(("SucceedStateEntered", "Deployed"), entered);
        Assert.Contains(history, e => (string)e["type"]! == "LambdaFunctionScheduled");
        var timestamps = history.Select(e => (double)e["timestamp"]!).ToList();
        Assert.Equal(timestamps.Order(), timestamps);
        Assert.True(timestamps[^1] - timestamps[0] >= 300, "the grace period advances the simulated clock");
        Assert.InRange((double)described["startDate"]!, before - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1); // an API start starts now
        output.WriteLine(string.Join(Environment.NewLine, history.Select(e => $"{e["id"]} {e["timestamp"]} {e["type"]} {e["stateEnteredEventDetails"]?["name"]}")));
    }
}
