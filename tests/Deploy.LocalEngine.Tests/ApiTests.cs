using System.Net;
using System.Text.Json.Nodes;

namespace Deploy.LocalEngine.Tests;

[Collection(EngineCollection.Name)]
public class ApiTests(EngineFixture fixture)
{
    private StepFunctionsClient Client => fixture.Client;

    [Fact]
    public async Task StartSyncExecution_HealthProbe_ReturnsVerdict()
    {
        // Arrange
        var arn = await Client.MachineArn("webapp-staging-health-probe");

        // Act
        var body = await Client.Call("StartSyncExecution", new JsonObject { ["stateMachineArn"] = arn, ["input"] = """{"color":"blue","phase":"BeforeTraffic"}""" });

        // Assert
        Assert.Equal("SUCCEEDED", (string)body["status"]!);
        Assert.StartsWith("arn:aws:states:us-east-1:123456789012:express:webapp-staging-health-probe:", (string)body["executionArn"]!, StringComparison.Ordinal);
        var verdict = JsonNode.Parse((string)body["output"]!)!;
        Assert.Contains((string)verdict["status"]!, new[] { "Healthy", "Pending", "Unhealthy" });
        Assert.True((double)body["stopDate"]! >= (double)body["startDate"]!);
    }

    [Fact]
    public async Task StartSyncExecution_StandardMachine_IsStateMachineTypeNotSupported()
    {
        var (status, body) = await Client.Send("StartSyncExecution", new JsonObject { ["stateMachineArn"] = await Client.MachineArn("webapp-staging-deploy"), ["input"] = "{}" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("StateMachineTypeNotSupported", (string)body["__type"]!);
    }

    [Theory]
    [InlineData("DescribeExecution", """{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:webapp-staging-deploy:nope"}""", "ExecutionDoesNotExist")]
    [InlineData("GetExecutionHistory", """{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:webapp-staging-deploy:nope"}""", "ExecutionDoesNotExist")]
    [InlineData("DescribeExecution", """{"executionArn":"not-an-arn"}""", "InvalidArn")]
    [InlineData("StartExecution", """{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:nope"}""", "StateMachineDoesNotExist")]
    [InlineData("StartExecution", """{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:webapp-staging-deploy","input":"{not json"}""", "InvalidExecutionInput")]
    [InlineData("SendTaskSuccess", """{"taskToken":"unknown-token","output":"{}"}""", "TaskDoesNotExist")]
    [InlineData("SendTaskFailure", """{"taskToken":"unknown-token","error":"Deploy.ApprovalRejected"}""", "TaskDoesNotExist")]
    [InlineData("ListExecutions", """{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:webapp-staging-deploy","nextToken":"bogus"}""", "InvalidToken")]
    [InlineData("DeleteStateMachine", """{}""", "UnknownOperationException")]
    public async Task Action_BadRequest_AnswersStepFunctionsError(string action, string request, string error)
    {
        // Act
        var (status, body) = await Client.Send(action, JsonNode.Parse(request)!.AsObject());

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(error, (string)body["__type"]!);
        Assert.False(string.IsNullOrEmpty((string?)body["message"]));
    }

    [Fact]
    public async Task Post_WithoutTarget_IsUnknownOperation()
    {
        // Arrange
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Server.Url) };

        // Act
        using var response = await http.PostAsync("/", new StringContent("{}"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("UnknownOperationException", (string)body["__type"]!);
        Assert.Equal("application/x-amz-json-1.0", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ListExecutions_TwoRollbacks_NewestFirstFilteredAndPaged()
    {
        // Arrange
        var machine = await Client.MachineArn("webapp-staging-rollback");
        var first = await Client.Start("webapp-staging-rollback", """{"trigger":"operator","reason":"first"}""");
        await Client.WaitUntilDone(first);
        var second = await Client.Start("webapp-staging-rollback", """{"trigger":"operator","reason":"second"}""");
        var secondStatus = (string)(await Client.WaitUntilDone(second))["status"]!;

        // Act
        var page1 = await Client.Call("ListExecutions", new JsonObject { ["stateMachineArn"] = machine, ["maxResults"] = 1 });
        var page2 = await Client.Call("ListExecutions", new JsonObject { ["stateMachineArn"] = machine, ["maxResults"] = 1, ["nextToken"] = page1["nextToken"]!.DeepClone() });
        var filtered = await Client.Call("ListExecutions", new JsonObject { ["stateMachineArn"] = machine, ["statusFilter"] = secondStatus });

        // Assert
        Assert.Equal(second, (string)page1["executions"]![0]!["executionArn"]!);
        Assert.Equal(first, (string)page2["executions"]![0]!["executionArn"]!);
        Assert.All(filtered["executions"]!.AsArray(), e => Assert.Equal(secondStatus, (string)e!["status"]!));
        Assert.Contains(filtered["executions"]!.AsArray(), e => (string)e!["executionArn"]! == second);
    }

    [Fact]
    public async Task GetExecutionHistory_ReversePagedWithoutData_SameEventsBackwards()
    {
        // Arrange
        var arn = await Client.Start("webapp-staging-rollback", """{"trigger":"operator","reason":"history"}""");
        await Client.WaitUntilDone(arn);
        var forward = await Client.History(arn);

        // Act
        var backward = await Client.History(arn, new JsonObject { ["reverseOrder"] = true, ["maxResults"] = 3, ["includeExecutionData"] = false });

        // Assert
        Assert.Equal(forward.Select(e => (int)e["id"]!).Reverse(), backward.Select(e => (int)e["id"]!));
        Assert.Null(backward.Last()["executionStartedEventDetails"]!["input"]);
        Assert.NotNull(forward[0]["executionStartedEventDetails"]!["input"]);
    }

    [Fact]
    public async Task DescribeStateMachine_AndTags_DescribeTheResolvedPipeline()
    {
        // Arrange
        var arn = await Client.MachineArn("webapp-staging-deploy");

        // Act
        var described = await Client.Call("DescribeStateMachine", new JsonObject { ["stateMachineArn"] = arn });
        var tags = await Client.Call("ListTagsForResource", new JsonObject { ["resourceArn"] = arn });

        // Assert
        Assert.Equal("STANDARD", (string)described["type"]!);
        var definition = JsonNode.Parse((string)described["definition"]!)!;
        Assert.NotNull(definition["States"]!["AwaitApproval"] ?? definition["States"]!["ValidateRequest"]);
        var byKey = tags["tags"]!.AsArray().ToDictionary(t => (string)t!["key"]!, t => (string)t!["value"]!);
        Assert.Equal("webapp", byKey["deploy:application"]);
        Assert.Equal("staging", byKey["deploy:environment"]);
        Assert.Equal("Deploy", byKey["deploy:role"]);
        // The figures the construct published (deploy-pipeline:*) are served as synthesized, for the CLI's info.
        var machine = JsonNode.Parse(File.ReadAllText(Path.Combine(fixture.CdkOut, "webapp-staging.template.json")))!["Resources"]!.AsObject()
            .Single(r => (string?)r.Value!["Properties"]?["StateMachineName"] == "webapp-staging-deploy").Value!;
        var published = machine["Properties"]!["Tags"]!.AsArray().Where(t => ((string)t!["Key"]!).StartsWith("deploy-pipeline:", StringComparison.Ordinal))
            .ToDictionary(t => (string)t!["Key"]!, t => (string)t!["Value"]!);
        Assert.Equal(7, published.Count);
        Assert.All(published, tag => Assert.Equal(tag.Value, byKey[tag.Key]));
    }
}
