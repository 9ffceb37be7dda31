using System.Text.Json.Nodes;

namespace Deploy.LocalEngine.Tests;

/// <summary>The Unlock state machine in the local engine: its DescribeExecution is answered by the world the executions run in.</summary>
[Collection(EngineCollection.Name)]
public class UnlockTests(EngineFixture fixture)
{
    private const string UnlockInput = """{"reason":"is it stuck?","requestedBy":"test"}""";

    private StepFunctionsClient Client => fixture.Client;

    [Fact]
    public async Task StartExecution_UnlockWhileTheHolderRunsThenAfterItWasStopped_RefusedThenNothingLeftToUnlock()
    {
        // Arrange: a production deployment holds the lock while it waits for approval (real time).
        var deployment = await Client.Start("webapp-production-deploy", """{"version":"v1.4.0","imageId":"ami-0123456789abcdef0","strategy":"AllAtOnce"}""");
        await WaitForApprovalState(deployment);

        // Act
        var refused = await Client.WaitUntilDone(await Client.Start("webapp-production-unlock", UnlockInput));
        await Client.Call("StopExecution", new JsonObject { ["executionArn"] = deployment, ["error"] = "Operator.Stopped", ["cause"] = "test" });
        var stopped = await Client.WaitUntilDone(deployment);
        var after = await Client.WaitUntilDone(await Client.Start("webapp-production-unlock", UnlockInput));

        // Assert: refused while it ran, naming it and its status.
        Assert.Equal("FAILED", (string)refused["status"]!);
        Assert.Equal("Deploy.LockHolderRunning", (string)refused["error"]!);
        Assert.Contains($"held by {deployment}, which is RUNNING", (string)refused["cause"]!, StringComparison.Ordinal);
        // Stopped through the API, it ended in the world too: its Recovery ran and freed the lock.
        Assert.Equal("ABORTED", (string)stopped["status"]!);
        Assert.Equal("test", (string)stopped["cause"]!);
        var recoveries = await Client.Call("ListExecutions", new JsonObject { ["stateMachineArn"] = await Client.MachineArn("webapp-production-recovery") });
        var recovered = new List<JsonObject>();
        foreach (var item in recoveries["executions"]!.AsArray())
        {
            var described = await Client.Call("DescribeExecution", new JsonObject { ["executionArn"] = (string)item!["executionArn"]! });
            if (((string)described["input"]!).Contains(deployment, StringComparison.Ordinal))
            {
                recovered.Add(described);
            }
        }

        Assert.Equal("SUCCEEDED", (string)Assert.Single(recovered)["status"]!);
        Assert.Equal("SUCCEEDED", (string)after["status"]!);
        Assert.Equal("NotLocked", (string)JsonNode.Parse((string)after["output"]!)!["outcome"]!);
    }

    private async Task WaitForApprovalState(string arn)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!(await Client.History(arn)).Any(e => (string?)e["stateEnteredEventDetails"]?["name"] == "AwaitApproval"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the deployment never waited for approval");
            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }
    }
}
