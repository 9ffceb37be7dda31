using System.Text.Json.Nodes;

namespace Deploy.LocalEngine.Tests;

/// <summary>A second engine on the same cdk.out, seeded with scripts/local-engine/demo-world.json.</summary>
[Collection(EngineCollection.Name)]
public class ScenarioSeedTests(EngineFixture fixture)
{
    [Fact]
    public async Task DemoWorld_BadVersionRollsBack_GoodVersionSucceeds_StoppedApprovalAborts()
    {
        // Arrange
        using var server = LocalEngineServer.Start(new LocalEngineOptions
        {
            CdkOut = fixture.CdkOut,
            Port = 0,
            RepositoryRoot = Repository.Root,
            ScenarioFile = Path.Combine(Repository.Root, "scripts", "local-engine", "demo-world.json"),
        });
        using var client = new StepFunctionsClient(server.Url);

        // Act
        var bad = await client.WaitUntilDone(await client.Start("webapp-staging-deploy", """{"version":"v2.0.0","imageId":"ami-0123456789abcdef0","strategy":"AllAtOnce"}"""));
        var good = await client.WaitUntilDone(await client.Start("webapp-staging-deploy", """{"version":"v1.1.0","imageId":"ami-0123456789abcdef0","strategy":"AllAtOnce"}"""));
        var waiting = await client.Start("webapp-production-deploy", """{"version":"v1.1.0","imageId":"ami-0123456789abcdef0","strategy":"AllAtOnce"}""");
        await WaitForApprovalState(client, waiting);
        var stop = await client.Call("StopExecution", new JsonObject { ["executionArn"] = waiting, ["error"] = "Operator.Stopped", ["cause"] = "test" });
        var stopped = await client.WaitUntilDone(waiting);

        // Assert
        Assert.Equal("FAILED", (string)bad["status"]!);
        Assert.Equal("Deploy.RolledBack", (string)bad["error"]!);
        Assert.Contains("Deploy.HealthCheckFailed", (string)bad["cause"]!, StringComparison.Ordinal);
        Assert.Equal("SUCCEEDED", (string)good["status"]!);
        Assert.Equal("ABORTED", (string)stopped["status"]!);
        Assert.NotNull(stop["stopDate"]);
        var history = await client.History(waiting);
        Assert.Equal("ExecutionAborted", (string)history[^1]["type"]!);
        Assert.Equal("Operator.Stopped", (string)history[^1]["executionAbortedEventDetails"]!["error"]!);
    }

    [Fact]
    public async Task ApprovalTimeout_NobodyAnswers_RollsBackAsRejected()
    {
        // Arrange
        using var server = LocalEngineServer.Start(new LocalEngineOptions
        {
            CdkOut = fixture.CdkOut,
            Port = 0,
            RepositoryRoot = Repository.Root,
            ApprovalTimeout = TimeSpan.FromMilliseconds(200),
        });
        using var client = new StepFunctionsClient(server.Url);

        // Act
        var described = await client.WaitUntilDone(await client.Start("webapp-production-deploy", """{"version":"v1.1.0","imageId":"ami-0123456789abcdef0","strategy":"AllAtOnce"}"""));

        // Assert
        Assert.Equal("FAILED", (string)described["status"]!);
        Assert.Equal("Deploy.RolledBack", (string)described["error"]!);
        Assert.Contains("Deploy.ApprovalRejected", (string)described["cause"]!, StringComparison.Ordinal);
        var history = await client.History((string)described["executionArn"]!);
        Assert.Contains(history, e => (string)e["type"]! == "TaskTimedOut");
    }

    private static async Task WaitForApprovalState(StepFunctionsClient client, string arn)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!(await client.History(arn)).Any(e => (string?)e["stateEnteredEventDetails"]?["name"] == "AwaitApproval"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the deployment never waited for approval");
            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }
    }
}
