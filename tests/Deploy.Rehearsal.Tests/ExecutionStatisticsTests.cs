using Deploy.Rehearsal.Tests.TestSupport;

namespace Deploy.Rehearsal.Tests;

[Collection(EngineCollection.Name)]
public sealed class ExecutionStatisticsTests(EngineFixture fixture)
{
    private const string KnownDefinition = """
        {
          "StartAt": "Validate",
          "States": {
            "Validate": {
              "Type": "Task",
              "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ValidateRequest",
              "Retry": [{ "ErrorEquals": ["Lambda.TooManyRequestsException"], "MaxAttempts": 2 }],
              "Next": "Bake"
            },
            "Bake": { "Type": "Wait", "Seconds": 60, "Next": "Valid" },
            "Valid": { "Type": "Choice", "Choices": [{ "Variable": "$.ok", "BooleanEquals": false, "Next": "Rejected" }], "Default": "Prepare" },
            "Prepare": { "Type": "Pass", "Next": "Approve" },
            "Approve": {
              "Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Parameters": { "FunctionName": "Approver", "Payload": { "token.$": "$$.Task.Token" } },
              "ResultPath": null,
              "Next": "Done"
            },
            "Done": { "Type": "Succeed" },
            "Rejected": { "Type": "Fail", "Error": "Deploy.InvalidRequest" }
          }
        }
        """;

    [Fact]
    public void From_SucceededExecutionWithOneRetry_ExactFigures()
    {
        var result = fixture.Engine.Run(Asl.Parse(KnownDefinition), Asl.Json("{}"), Handler(ok: true));

        var statistics = ExecutionStatistics.From(result);

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(6, statistics.StatesEntered); // Validate, Bake, Valid, Prepare, Approve, Done
        Assert.Equal(1, statistics.Retries);
        Assert.Equal(7, statistics.StateTransitions);
        Assert.Equal(3, statistics.TaskAttempts); // Validate twice, Approve once
        Assert.Equal(3, statistics.LambdaInvocations); // lambda:invoke.waitForTaskToken invokes a function too
        // 2 execution + 6 entered + 6 exited + 3 × 3 task attempts + 1 TaskSubmitted (callback task) = 24
        Assert.Equal(24, statistics.HistoryEvents);
        Assert.Equal(
            new Dictionary<string, int> { ["Validate"] = 1, ["Bake"] = 1, ["Valid"] = 1, ["Prepare"] = 1, ["Approve"] = 1, ["Done"] = 1 },
            statistics.EnteredByState);
    }

    [Fact]
    public void From_ExecutionEndingInFailState_FailStateHasNoExit()
    {
        var result = fixture.Engine.Run(Asl.Parse(KnownDefinition), Asl.Json("{}"), Handler(ok: false));

        var statistics = ExecutionStatistics.From(result);

        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("Deploy.InvalidRequest", result.Error);
        Assert.Equal(4, statistics.StatesEntered); // Validate, Bake, Valid, Rejected
        Assert.Equal(5, statistics.StateTransitions);
        Assert.Equal(2, statistics.LambdaInvocations);
        // 2 execution + 4 entered + 3 exited (not the Fail state) + 3 × 2 task attempts = 15
        Assert.Equal(15, statistics.HistoryEvents);
    }

    [Fact]
    public void From_TaskErrorEndsTheExecution_FailingTaskHasNoExit()
    {
        var definition = Asl.Parse("""
            { "StartAt": "Publish", "States": { "Publish": { "Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true } } }
            """);
        var result = fixture.Engine.Run(definition, null, TaskHandler.From(_ => TaskOutcome.Failure("SNS.NotFound", "no topic")));

        var statistics = ExecutionStatistics.From(result);

        // ExecutionStarted, TaskStateEntered, TaskScheduled, TaskStarted, TaskFailed, ExecutionFailed
        Assert.Equal(6, statistics.HistoryEvents);
        Assert.Equal(0, statistics.LambdaInvocations);
    }

    [Theory]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:HealthCheck", true)]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:HealthCheck:live", true)]
    [InlineData("arn:aws:states:::lambda:invoke", true)]
    [InlineData("arn:aws-us-gov:states:::lambda:invoke.waitForTaskToken", true)]
    [InlineData("arn:aws:states:::sns:publish", false)]
    [InlineData("arn:aws:states:::aws-sdk:lambda:getFunction", false)]
    [InlineData("arn:aws:states:::rehearsal:wait", false)]
    [InlineData(null, false)]
    public void IsLambda_Resource_RecognisesFunctionArnsAndTheInvokeIntegration(string? resource, bool expected)
    {
        Assert.Equal(expected, ExecutionStatistics.IsLambda(resource));
    }

    private static ITaskHandler Handler(bool ok) => TaskHandler.From(call => call.StateName switch
    {
        "Validate" when call.RetryCount == 0 => TaskOutcome.Failure("Lambda.TooManyRequestsException", "Rate exceeded"),
        "Validate" => TaskOutcome.Success(Asl.Json($$"""{ "ok": {{(ok ? "true" : "false")}} }""")),
        _ => TaskOutcome.Success(call.Input),
    });
}
