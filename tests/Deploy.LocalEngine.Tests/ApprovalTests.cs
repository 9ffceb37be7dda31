using System.Text.Json.Nodes;

namespace Deploy.LocalEngine.Tests;

[Collection(EngineCollection.Name)]
public class ApprovalTests(EngineFixture fixture)
{
    private StepFunctionsClient Client => fixture.Client;

    [Fact]
    public async Task SendTaskSuccess_ProductionDeployWaitingForApproval_Succeeds()
    {
        // Arrange
        var arn = await Client.Start("webapp-production-deploy", """{"version":"v1.1.0","imageId":"ami-0123456789abcdef0","strategy":"AllAtOnce"}""");
        var token = await ApprovalToken(arn);

        // Act
        await Client.Call("SendTaskSuccess", new JsonObject { ["taskToken"] = token, ["output"] = """{"approvedBy":"test"}""" });
        var described = await Client.WaitUntilDone(arn);

        // Assert
        Assert.Equal("SUCCEEDED", (string)described["status"]!);
        var history = await Client.History(arn);
        Assert.Contains(history, e => (string)e["type"]! == "TaskStateExited" && (string?)e["stateExitedEventDetails"]?["name"] == "AwaitApproval");
        var scale = history.SkipWhile(e => (string?)e["stateEnteredEventDetails"]?["name"] != "PinAndScaleIdleGroup").First(e => (string)e["type"]! == "TaskScheduled");
        Assert.Equal(4, (int)JsonNode.Parse((string)scale["taskScheduledEventDetails"]!["parameters"]!)!["DesiredCapacity"]!); // production's capacity, from the template
        var (status, body) = await Client.Send("SendTaskSuccess", new JsonObject { ["taskToken"] = token, ["output"] = "{}" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, status);
        Assert.Equal("TaskDoesNotExist", (string)body["__type"]!);
    }

    [Fact]
    public async Task SendTaskFailure_ApprovalRejected_RollsBack()
    {
        // Arrange
        var arn = await Client.Start("webapp-production-deploy", """{"version":"v1.2.0","imageId":"ami-0123456789abcdef0","strategy":"AllAtOnce"}""");
        var token = await ApprovalToken(arn);

        // Act
        await Client.Call("SendTaskFailure", new JsonObject { ["taskToken"] = token, ["error"] = "Deploy.ApprovalRejected", ["cause"] = "change freeze" });
        var described = await Client.WaitUntilDone(arn);

        // Assert
        Assert.Equal("FAILED", (string)described["status"]!);
        Assert.Equal("Deploy.RolledBack", (string)described["error"]!);
        Assert.Contains("Deploy.ApprovalRejected", (string)described["cause"]!, StringComparison.Ordinal);
        var history = await Client.History(arn);
        var failed = Assert.Single(history, e => (string)e["type"]! == "TaskFailed");
        Assert.Equal("Deploy.ApprovalRejected", (string)failed["taskFailedEventDetails"]!["error"]!);
        Assert.Equal("ExecutionFailed", (string)history[^1]["type"]!);
        Assert.Equal("Deploy.RolledBack", (string)history[^1]["executionFailedEventDetails"]!["error"]!);
    }

    /// <summary>Polls the running execution's history for the approval task's token, as the CLI finds it.</summary>
    private async Task<string> ApprovalToken(string executionArn)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var history = await Client.History(executionArn);
            var entered = history.Any(e => (string)e["type"]! == "TaskStateEntered" && (string?)e["stateEnteredEventDetails"]?["name"] == "AwaitApproval");
            var token = history
                .Where(e => (string)e["type"]! == "TaskScheduled")
                .Select(e => JsonNode.Parse((string)e["taskScheduledEventDetails"]!["parameters"]!)?["Message"]?["taskToken"])
                .OfType<JsonValue>()
                .Select(t => t.GetValue<string>())
                .LastOrDefault();
            if (entered && token is not null)
            {
                var described = await Client.Call("DescribeExecution", new JsonObject { ["executionArn"] = executionArn });
                Assert.Equal("RUNNING", (string)described["status"]!);
                return token;
            }

            Assert.True(DateTime.UtcNow < deadline, "no approval task token in the history: " + string.Join(", ", history.Select(e => e["type"])));
            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }
    }
}
