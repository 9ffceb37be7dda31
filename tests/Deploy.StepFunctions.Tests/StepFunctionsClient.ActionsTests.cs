using Deploy.StepFunctions.Tests.TestSupport;

namespace Deploy.StepFunctions.Tests;

/// <summary>
/// Each action against a real HTTP server on 127.0.0.1: the request it sends (target, content type, member names,
/// signature scope) and how it reads the response (epoch timestamps, enums, lists, paging tokens).
/// </summary>
public class StepFunctionsClientActionsTests
{
    private const string MachineArn = "arn:aws:states:eu-west-1:123456789012:stateMachine:Deploy";
    private const string ExecutionArn = "arn:aws:states:eu-west-1:123456789012:execution:Deploy:run-1";

    // 1700000000.123 s after the epoch.
    private static readonly DateTimeOffset Started = new(2023, 11, 14, 22, 13, 20, 123, TimeSpan.Zero);

    [Fact]
    public async Task StartExecutionAsync_WithInputAndName_SendsMembersAndParsesStartDate()
    {
        await using var server = LoopbackServer.Start(ServerResponse.Ok($$"""{"executionArn":"{{ExecutionArn}}","startDate":1700000000.123}"""));
        using var client = Clients.For(server);

        var result = await client.StartExecutionAsync(MachineArn, """{"fleet":"web"}""", "run-1");

        WireAssert.JsonProtocol(
            server.Requests.Single(),
            "StartExecution",
            $$"""{"stateMachineArn":"{{MachineArn}}","input":"{\"fleet\":\"web\"}","name":"run-1"}""");
        Assert.Equal(ExecutionArn, result.ExecutionArn);
        Assert.Equal(Started, result.StartDate);
    }

    [Fact]
    public async Task StartExecutionAsync_WithoutInputOrName_LeavesThemOut()
    {
        await using var server = LoopbackServer.Start(ServerResponse.Ok($$"""{"executionArn":"{{ExecutionArn}}","startDate":1700000000}"""));
        using var client = Clients.For(server);

        var result = await client.StartExecutionAsync(MachineArn);

        Assert.Equal($$"""{"stateMachineArn":"{{MachineArn}}"}""", server.Requests.Single().BodyText);
        Assert.Equal(new DateTimeOffset(2023, 11, 14, 22, 13, 20, TimeSpan.Zero), result.StartDate);
    }

    [Fact]
    public async Task StartSyncExecutionAsync_FailedExecution_ReturnsStatusErrorAndCause()
    {
        await using var server = LoopbackServer.Start(ServerResponse.Ok($$"""
            {"executionArn":"{{ExecutionArn}}","stateMachineArn":"{{MachineArn}}","name":"run-1","status":"FAILED",
             "input":"{}","error":"Deploy.InvalidRequest","cause":"fleet is required",
             "startDate":1700000000.123,"stopDate":1700000001.5,"billingDetails":{"billedMemoryUsedInMB":64} }
            """));
        using var client = Clients.For(server);

        var result = await client.StartSyncExecutionAsync(MachineArn, "{}", "run-1");

        WireAssert.JsonProtocol(
            server.Requests.Single(), "StartSyncExecution", $$"""{"stateMachineArn":"{{MachineArn}}","input":"{}","name":"run-1"}""");
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("Deploy.InvalidRequest", result.Error);
        Assert.Equal("fleet is required", result.Cause);
        Assert.Null(result.Output);
        Assert.Equal(MachineArn, result.StateMachineArn);
        Assert.Equal(Started, result.StartDate);
        Assert.Equal(new DateTimeOffset(2023, 11, 14, 22, 13, 21, 500, TimeSpan.Zero), result.StopDate);
    }

    [Fact]
    public async Task DescribeExecutionAsync_RunningExecution_ParsesStatusAndLeavesStopDateNull()
    {
        await using var server = LoopbackServer.Start(ServerResponse.Ok($$"""
            {"executionArn":"{{ExecutionArn}}","stateMachineArn":"{{MachineArn}}","name":"run-1","status":"RUNNING",
             "startDate":1700000000.123,"input":"{\"a\":1}","inputDetails":{"included":true},"redriveCount":0}
            """));
        using var client = Clients.For(server);

        var result = await client.DescribeExecutionAsync(ExecutionArn);

        WireAssert.JsonProtocol(server.Requests.Single(), "DescribeExecution", $$"""{"executionArn":"{{ExecutionArn}}"}""");
        Assert.Equal(ExecutionStatus.Running, result.Status);
        Assert.Equal(MachineArn, result.StateMachineArn);
        Assert.Equal("run-1", result.Name);
        Assert.Equal("""{"a":1}""", result.Input);
        Assert.Equal(Started, result.StartDate);
        Assert.Null(result.StopDate);
        Assert.Null(result.Output);
    }

    [Theory]
    [InlineData("RUNNING", ExecutionStatus.Running)]
    [InlineData("SUCCEEDED", ExecutionStatus.Succeeded)]
    [InlineData("FAILED", ExecutionStatus.Failed)]
    [InlineData("TIMED_OUT", ExecutionStatus.TimedOut)]
    [InlineData("ABORTED", ExecutionStatus.Aborted)]
    [InlineData("PENDING_REDRIVE", ExecutionStatus.PendingRedrive)]
    [InlineData("SOMETHING_NEW", ExecutionStatus.Unknown)]
    public async Task DescribeExecutionAsync_StatusOnTheWire_MapsToEnum(string wire, ExecutionStatus expected)
    {
        var handler = StubHandler.Sequence(ServerResponse.Ok(
            $$"""{"executionArn":"{{ExecutionArn}}","stateMachineArn":"{{MachineArn}}","status":"{{wire}}","startDate":1,"stopDate":2}"""));
        using var client = Clients.For(handler);

        var result = await client.DescribeExecutionAsync(ExecutionArn);

        Assert.Equal(expected, result.Status);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(2), result.StopDate);
    }

    [Fact]
    public async Task DescribeExecutionAsync_SucceededExecution_ParsesOutputAndStopDate()
    {
        var handler = StubHandler.Sequence(ServerResponse.Ok($$"""
            {"executionArn":"{{ExecutionArn}}","stateMachineArn":"{{MachineArn}}","status":"SUCCEEDED",
             "startDate":1700000000.123,"stopDate":1700000060,"output":"{\"verdict\":\"ok\"}"}
            """));
        using var client = Clients.For(handler);

        var result = await client.DescribeExecutionAsync(ExecutionArn);

        Assert.Equal("""{"verdict":"ok"}""", result.Output);
        Assert.Equal(new DateTimeOffset(2023, 11, 14, 22, 14, 20, TimeSpan.Zero), result.StopDate);
    }

    [Fact]
    public async Task ListExecutionsAsync_AllFilters_SendsMembersAndParsesPage()
    {
        await using var server = LoopbackServer.Start(ServerResponse.Ok($$"""
            {"executions":[
               {"executionArn":"{{ExecutionArn}}","stateMachineArn":"{{MachineArn}}","name":"run-1","status":"FAILED",
                "startDate":1700000000.123,"stopDate":1700000010},
               {"executionArn":"{{ExecutionArn}}-2","stateMachineArn":"{{MachineArn}}","name":"run-2","status":"RUNNING",
                "startDate":1700000100}],
             "nextToken":"page-2"}
            """));
        using var client = Clients.For(server);

        var result = await client.ListExecutionsAsync(MachineArn, ExecutionStatus.TimedOut, 50, "page-1");

        WireAssert.JsonProtocol(
            server.Requests.Single(),
            "ListExecutions",
            $$"""{"stateMachineArn":"{{MachineArn}}","statusFilter":"TIMED_OUT","maxResults":50,"nextToken":"page-1"}""");
        Assert.Equal("page-2", result.NextToken);
        Assert.Collection(
            result.Executions,
            first =>
            {
                Assert.Equal("run-1", first.Name);
                Assert.Equal(ExecutionStatus.Failed, first.Status);
                Assert.Equal(Started, first.StartDate);
                Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000010), first.StopDate);
            },
            second =>
            {
                Assert.Equal(ExecutionArn + "-2", second.ExecutionArn);
                Assert.Equal(ExecutionStatus.Running, second.Status);
                Assert.Null(second.StopDate);
            });
    }

    [Fact]
    public async Task ListExecutionsAsync_NoFilters_SendsOnlyTheStateMachineAndReadsLastPage()
    {
        var handler = StubHandler.Sequence(ServerResponse.Ok("""{"executions":[]}"""));
        using var client = Clients.For(handler);

        var result = await client.ListExecutionsAsync(MachineArn);

        Assert.Equal($$"""{"stateMachineArn":"{{MachineArn}}"}""", System.Text.Encoding.UTF8.GetString(handler.Requests.Single().Body));
        Assert.Empty(result.Executions);
        Assert.Null(result.NextToken);
    }

    [Fact]
    public async Task ListExecutionsAsync_UnknownStatusFilter_ThrowsWithoutSending()
    {
        var handler = StubHandler.Sequence(ServerResponse.Ok("{}"));
        using var client = Clients.For(handler);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ListExecutionsAsync(MachineArn, ExecutionStatus.Unknown));
        Assert.Equal(0, handler.Count);
    }

    [Fact]
    public async Task GetExecutionHistoryAsync_AllOptions_SendsMembersAndTypesCommonEvents()
    {
        await using var server = LoopbackServer.Start(ServerResponse.Ok(HistoryPage));
        using var client = Clients.For(server);

        var result = await client.GetExecutionHistoryAsync(ExecutionArn, 100, true, "token-1", false);

        WireAssert.JsonProtocol(
            server.Requests.Single(),
            "GetExecutionHistory",
            $$"""{"executionArn":"{{ExecutionArn}}","maxResults":100,"reverseOrder":true,"nextToken":"token-1","includeExecutionData":false}""");
        Assert.Equal("history-2", result.NextToken);
        Assert.Equal(["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskSubmitted", "TaskSucceeded", "TaskFailed",
            "TaskStateExited", "LambdaFunctionScheduled", "LambdaFunctionFailed", "MapRunStarted", "ExecutionFailed"],
            result.Events.Select(e => e.Type));

        var started = result.Events[0];
        Assert.Equal(1, started.Id);
        Assert.Equal(0, started.PreviousEventId);
        Assert.Equal(Started, started.Timestamp);
        Assert.Equal("""{"fleet":"web"}""", started.ExecutionStartedEventDetails?.Input);
        Assert.Equal("arn:aws:iam::123456789012:role/Deploy", started.ExecutionStartedEventDetails?.RoleArn);

        Assert.Equal(new StateEnteredEventDetails { Name = "ShiftWeights", Input = "{}" }, result.Events[1].StateEnteredEventDetails);
        Assert.Equal(
            new TaskScheduledEventDetails
            {
                ResourceType = "elasticloadbalancing",
                Resource = "modifyRule",
                Region = "eu-west-1",
                Parameters = """{"RuleArn":"r"}""",
                TimeoutInSeconds = 60,
                HeartbeatInSeconds = null,
            },
            result.Events[2].TaskScheduledEventDetails);
        Assert.Equal("""{"ok":true}""", result.Events[3].TaskSubmittedEventDetails?.Output);
        Assert.Equal("modifyRule", result.Events[4].TaskSucceededEventDetails?.Resource);
        Assert.Equal("ElasticLoadBalancingV2.RuleNotFoundException", result.Events[5].TaskFailedEventDetails?.Error);
        Assert.Equal("rule gone", result.Events[5].TaskFailedEventDetails?.Cause);
        Assert.Equal(new StateExitedEventDetails { Name = "ShiftWeights", Output = "{}" }, result.Events[6].StateExitedEventDetails);
        Assert.Equal(30, result.Events[7].LambdaFunctionScheduledEventDetails?.TimeoutInSeconds);
        Assert.Equal("arn:aws:lambda:eu-west-1:123456789012:function:HealthCheck", result.Events[7].LambdaFunctionScheduledEventDetails?.Resource);
        Assert.Equal(new ErrorEventDetails { Error = "Lambda.Unknown", Cause = "boom" }, result.Events[8].LambdaFunctionFailedEventDetails);
        Assert.Equal(new ErrorEventDetails { Error = "States.TaskFailed", Cause = "rule gone" }, result.Events[10].ExecutionFailedEventDetails);
        Assert.Equal(10, result.Events[10].PreviousEventId);
    }

    [Fact]
    public async Task GetExecutionHistoryAsync_UnmodelledEventType_KeepsRawJsonAndDetails()
    {
        var handler = StubHandler.Sequence(ServerResponse.Ok(HistoryPage));
        using var client = Clients.For(handler);

        var result = await client.GetExecutionHistoryAsync(ExecutionArn);

        var mapRun = result.Events[9];
        Assert.Equal("MapRunStarted", mapRun.Raw.GetProperty("type").GetString());
        Assert.Equal("arn:aws:states:eu-west-1:123456789012:mapRun:Deploy/m:1", mapRun.Details?.GetProperty("mapRunArn").GetString());
        Assert.Equal("Lambda.Unknown", result.Events[8].Details?.GetProperty("error").GetString());
        Assert.Equal(1700000000.123m, result.Events[0].Raw.GetProperty("timestamp").GetDecimal());
        Assert.Equal($$"""{"executionArn":"{{ExecutionArn}}"}""", System.Text.Encoding.UTF8.GetString(handler.Requests.Single().Body));
    }

    [Fact]
    public void HistoryEvent_WithoutDetails_HasNullDetails()
    {
        var raw = System.Text.Json.JsonDocument.Parse("""{"id":3,"type":"TaskStateAborted","timestamp":1}""").RootElement;

        var historyEvent = new HistoryEvent { Id = 3, Type = "TaskStateAborted", Raw = raw };

        Assert.Null(historyEvent.Details);
        Assert.Null(new HistoryEvent().Details);
    }

    [Fact]
    public async Task SendTaskSuccessAsync_EmptyObjectResponse_SendsTokenAndOutput()
    {
        await using var server = LoopbackServer.Start(ServerResponse.Ok("{}"));
        using var client = Clients.For(server);

        await client.SendTaskSuccessAsync("token+/=", """{"approved":true}""");

        WireAssert.JsonProtocol(server.Requests.Single(), "SendTaskSuccess", """{"taskToken":"token+/=","output":"{\"approved\":true}"}""");
        Assert.Equal("token+/=", server.Requests.Single().Json.GetProperty("taskToken").GetString());
    }

    [Fact]
    public async Task SendTaskFailureAsync_EmptyBodyResponse_SendsTokenErrorAndCause()
    {
        await using var server = LoopbackServer.Start(ServerResponse.Ok(string.Empty));
        using var client = Clients.For(server);

        await client.SendTaskFailureAsync("token-1", "Deploy.Rejected", "operator said no");

        WireAssert.JsonProtocol(
            server.Requests.Single(), "SendTaskFailure", """{"taskToken":"token-1","error":"Deploy.Rejected","cause":"operator said no"}""");
    }

    [Fact]
    public async Task StopExecutionAsync_WithErrorAndCause_SendsThemAndParsesStopDate()
    {
        await using var server = LoopbackServer.Start(ServerResponse.Ok("""{"stopDate":1700000000.123}"""));
        using var client = Clients.For(server);

        var result = await client.StopExecutionAsync(ExecutionArn, "Deploy.Cancelled", "operator");

        WireAssert.JsonProtocol(
            server.Requests.Single(), "StopExecution", $$"""{"executionArn":"{{ExecutionArn}}","error":"Deploy.Cancelled","cause":"operator"}""");
        Assert.Equal(Started, result.StopDate);
    }

    [Fact]
    public async Task ListStateMachinesAsync_WithNextToken_SendsItAndParsesTypes()
    {
        await using var server = LoopbackServer.Start(ServerResponse.Ok($$"""
            {"stateMachines":[
               {"stateMachineArn":"{{MachineArn}}","name":"Deploy","type":"STANDARD","creationDate":1700000000.123},
               {"stateMachineArn":"{{MachineArn}}Express","name":"DeployExpress","type":"EXPRESS","creationDate":1700000000}]}
            """));
        using var client = Clients.For(server);

        var result = await client.ListStateMachinesAsync("sm-page-2");

        WireAssert.JsonProtocol(server.Requests.Single(), "ListStateMachines", """{"nextToken":"sm-page-2"}""");
        Assert.Null(result.NextToken);
        Assert.Equal(
            [
                new StateMachineListItem { StateMachineArn = MachineArn, Name = "Deploy", Type = StateMachineType.Standard, CreationDate = Started },
                new StateMachineListItem
                {
                    StateMachineArn = MachineArn + "Express", Name = "DeployExpress", Type = StateMachineType.Express,
                    CreationDate = DateTimeOffset.FromUnixTimeSeconds(1700000000),
                },
            ],
            result.StateMachines);
    }

    [Fact]
    public async Task ListStateMachinesAsync_FirstPage_SendsEmptyObject()
    {
        await using var server = LoopbackServer.Start(ServerResponse.Ok("""{"stateMachines":[],"nextToken":"n"}"""));
        using var client = Clients.For(server);

        var result = await client.ListStateMachinesAsync();

        WireAssert.JsonProtocol(server.Requests.Single(), "ListStateMachines", "{}");
        Assert.Equal("n", result.NextToken);
    }

    [Fact]
    public async Task DescribeStateMachineAsync_Standard_ParsesDefinitionRoleTypeStatusAndDate()
    {
        await using var server = LoopbackServer.Start(ServerResponse.Ok($$"""
            {"stateMachineArn":"{{MachineArn}}","name":"Deploy","status":"ACTIVE",
             "definition":"{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"\u007D\u007D\u007D",
             "roleArn":"arn:aws:iam::123456789012:role/Deploy","type":"STANDARD","creationDate":1700000000.123,
             "loggingConfiguration":{"level":"OFF","includeExecutionData":false} }
            """));
        using var client = Clients.For(server);

        var result = await client.DescribeStateMachineAsync(MachineArn);

        WireAssert.JsonProtocol(server.Requests.Single(), "DescribeStateMachine", $$"""{"stateMachineArn":"{{MachineArn}}"}""");
        Assert.Equal(
            new DescribeStateMachineResult
            {
                StateMachineArn = MachineArn,
                Name = "Deploy",
                Status = "ACTIVE",
                Definition = """{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}""",
                RoleArn = "arn:aws:iam::123456789012:role/Deploy",
                Type = StateMachineType.Standard,
                CreationDate = Started,
            },
            result);
    }

    [Fact]
    public async Task ListTagsForResourceAsync_TwoTags_SendsResourceArnAndParsesTags()
    {
        await using var server = LoopbackServer.Start(ServerResponse.Ok("""{"tags":[{"key":"app","value":"web"},{"key":"env","value":"prod"}]}"""));
        using var client = Clients.For(server);

        var result = await client.ListTagsForResourceAsync(MachineArn);

        WireAssert.JsonProtocol(server.Requests.Single(), "ListTagsForResource", $$"""{"resourceArn":"{{MachineArn}}"}""");
        Assert.Equal([new Tag { Key = "app", Value = "web" }, new Tag { Key = "env", Value = "prod" }], result.Tags);
    }

    [Fact]
    public async Task DescribeExecutionAsync_ResponseIsNotJson_ThrowsInvalidResponse()
    {
        var handler = StubHandler.Sequence(new ServerResponse(200, "<html>proxy</html>"));
        using var client = Clients.For(handler);

        var error = await Assert.ThrowsAsync<StepFunctionsException>(() => client.DescribeExecutionAsync(ExecutionArn));

        Assert.Equal("InvalidResponse", error.ErrorCode);
        Assert.Equal(StepFunctionsErrorKind.Unknown, error.Kind);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal("stub-request-id", error.RequestId);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task DescribeExecutionAsync_EmptyArn_ThrowsWithoutSending()
    {
        var handler = StubHandler.Sequence(ServerResponse.Ok("{}"));
        using var client = Clients.For(handler);

        await Assert.ThrowsAsync<ArgumentException>(() => client.DescribeExecutionAsync(" "));
        Assert.Equal(0, handler.Count);
    }

    private const string HistoryPage = """
        {"events":[
          {"id":1,"previousEventId":0,"timestamp":1700000000.123,"type":"ExecutionStarted",
           "executionStartedEventDetails":{"input":"{\"fleet\":\"web\"}","inputDetails":{"truncated":false},
                                           "roleArn":"arn:aws:iam::123456789012:role/Deploy"}},
          {"id":2,"previousEventId":1,"timestamp":1700000000.2,"type":"TaskStateEntered",
           "stateEnteredEventDetails":{"name":"ShiftWeights","input":"{}"}},
          {"id":3,"previousEventId":2,"timestamp":1700000000.3,"type":"TaskScheduled",
           "taskScheduledEventDetails":{"resourceType":"elasticloadbalancing","resource":"modifyRule","region":"eu-west-1",
                                        "parameters":"{\"RuleArn\":\"r\"}","timeoutInSeconds":60}},
          {"id":4,"previousEventId":3,"timestamp":1700000000.4,"type":"TaskSubmitted",
           "taskSubmittedEventDetails":{"resourceType":"elasticloadbalancing","resource":"modifyRule","output":"{\"ok\":true}"}},
          {"id":5,"previousEventId":4,"timestamp":1700000000.5,"type":"TaskSucceeded",
           "taskSucceededEventDetails":{"resourceType":"elasticloadbalancing","resource":"modifyRule","output":"{}"}},
          {"id":6,"previousEventId":5,"timestamp":1700000000.6,"type":"TaskFailed",
           "taskFailedEventDetails":{"resourceType":"elasticloadbalancing","resource":"modifyRule",
                                     "error":"ElasticLoadBalancingV2.RuleNotFoundException","cause":"rule gone"}},
          {"id":7,"previousEventId":6,"timestamp":1700000000.7,"type":"TaskStateExited",
           "stateExitedEventDetails":{"name":"ShiftWeights","output":"{}"}},
          {"id":8,"previousEventId":7,"timestamp":1700000000.8,"type":"LambdaFunctionScheduled",
           "lambdaFunctionScheduledEventDetails":{"resource":"arn:aws:lambda:eu-west-1:123456789012:function:HealthCheck",
                                                  "input":"{}","timeoutInSeconds":30}},
          {"id":9,"previousEventId":8,"timestamp":1700000000.9,"type":"LambdaFunctionFailed",
           "lambdaFunctionFailedEventDetails":{"error":"Lambda.Unknown","cause":"boom"}},
          {"id":10,"previousEventId":9,"timestamp":1700000001,"type":"MapRunStarted",
           "mapRunStartedEventDetails":{"mapRunArn":"arn:aws:states:eu-west-1:123456789012:mapRun:Deploy/m:1"}},
          {"id":11,"previousEventId":10,"timestamp":1700000002,"type":"ExecutionFailed",
           "executionFailedEventDetails":{"error":"States.TaskFailed","cause":"rule gone"}}],
         "nextToken":"history-2"}
        """;
}
