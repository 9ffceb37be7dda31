using Deploy.Rehearsal.Tests.TestSupport;

namespace Deploy.Rehearsal.Tests;

public sealed partial class RehearsalEngineTests
{
    [Fact]
    public void Run_ContextAndClock_ExecutionFieldsResolveAndEnteredTimeFollowsTheSimulatedClock()
    {
        var definition = Asl.Parse("""
            {
              "StartAt": "AcquireLock",
              "States": {
                "AcquireLock": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:::dynamodb:putItem",
                  "Parameters": {
                    "executionArn.$": "$$.Execution.Id",
                    "name.$": "$$.Execution.Name",
                    "startedAt.$": "$$.Execution.StartTime",
                    "machine.$": "$$.StateMachine.Name",
                    "acquiredAt.$": "$$.State.EnteredTime",
                    "state.$": "$$.State.Name"
                  },
                  "ResultPath": null,
                  "Next": "Bake"
                },
                "Bake": { "Type": "Wait", "Seconds": 600, "Next": "GetMetricData" },
                "GetMetricData": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:::aws-sdk:cloudwatch:getMetricData",
                  "Parameters": { "EndTime.$": "$$.State.EnteredTime", "note.$": "States.Format('since {}', $$.Execution.StartTime)" },
                  "End": true
                }
              }
            }
            """);
        var context = Asl.Parse("""
            {
              "Execution": { "Id": "arn:aws:states:us-east-1:123456789012:execution:Deploy:deploy-42", "Name": "deploy-42", "StartTime": "2025-03-01T10:00:00.000Z" },
              "StateMachine": { "Id": "arn:aws:states:us-east-1:123456789012:stateMachine:Deploy", "Name": "Deploy" }
            }
            """);
        var clock = new SimulatedClock(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero));
        var calls = new List<TaskCall>();
        var handler = Asl.Recording(calls, call =>
        {
            clock.Advance(TimeSpan.FromSeconds(call.WaitSeconds ?? 2)); // every task takes 2 simulated seconds
            return TaskOutcome.Success(call.Input);
        });

        var result = _engine.Run(definition, Asl.Json("{}"), handler, context, clock);

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.True(
            Asl.JsonEquals("""
                {
                  "executionArn": "arn:aws:states:us-east-1:123456789012:execution:Deploy:deploy-42",
                  "name": "deploy-42",
                  "startedAt": "2025-03-01T10:00:00.000Z",
                  "machine": "Deploy",
                  "acquiredAt": "2025-03-01T10:00:00.000Z",
                  "state": "AcquireLock"
                }
                """, calls[0].Input),
            calls[0].Input?.ToJsonString());
        // Entered after the lock (2 s) and the bake (600 s).
        Assert.True(
            Asl.JsonEquals("""{ "EndTime": "2025-03-01T10:10:02.000Z", "note": "since 2025-03-01T10:00:00.000Z" }""", calls[2].Input),
            calls[2].Input?.ToJsonString());
    }

    [Fact]
    public void Run_NoContext_DefaultsArePlausibleAndDeterministic()
    {
        var definition = Asl.Parse("""
            {
              "StartAt": "Read",
              "States": {
                "Read": {
                  "Type": "Pass",
                  "Parameters": { "id.$": "$$.Execution.Id", "start.$": "$$.Execution.StartTime", "entered.$": "$$.State.EnteredTime", "machine.$": "$$.StateMachine.Id" },
                  "End": true
                }
              }
            }
            """);

        var result = _engine.Run(definition, null, Asl.Echo);

        var expected = $$"""
            {
              "id": "arn:aws:states:us-east-1:123456789012:execution:RehearsalStateMachine:rehearsal-{{result.RunId}}",
              "start": "2024-01-01T00:00:00.000Z",
              "entered": "2024-01-01T00:00:00.000Z",
              "machine": "arn:aws:states:us-east-1:123456789012:stateMachine:RehearsalStateMachine"
            }
            """;
        Assert.True(Asl.JsonEquals(expected, result.Output), result.Output?.ToJsonString());
    }

    [Fact]
    public void Run_WaitForTaskToken_EachAttemptGetsAFreshTokenThatTheHandlerSees()
    {
        var definition = Asl.Parse("""
            {
              "StartAt": "AwaitApproval",
              "States": {
                "AwaitApproval": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:::sns:publish.waitForTaskToken",
                  "Parameters": { "TopicArn": "arn:aws:sns:us-east-1:123456789012:Approvals", "Message": { "token.$": "$$.Task.Token", "retry.$": "$$.State.RetryCount" } },
                  "Retry": [{ "ErrorEquals": ["Approval.Flaky"], "MaxAttempts": 1 }],
                  "End": true
                }
              }
            }
            """);
        var context = Asl.Parse("""{ "Execution": { "Name": "deploy-7" } }""");
        var calls = new List<TaskCall>();
        var handler = Asl.Recording(calls, call => call.RetryCount == 0
            ? TaskOutcome.Failure("Approval.Flaky", "lost the message")
            : TaskOutcome.Success(Asl.Json("""{ "approved": true }""")));

        var result = _engine.Run(definition, null, handler, context);

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(["deploy-7/task-token/1", "deploy-7/task-token/2"], calls.Select(c => c.TaskToken));
        Assert.Equal(["deploy-7/task-token/1", "deploy-7/task-token/2"], calls.Select(c => (string?)c.Input!["Message"]!["token"]));
        Assert.Equal([0, 1], calls.Select(c => (int)c.Input!["Message"]!["retry"]!));
        Assert.True(Asl.JsonEquals("""{ "approved": true }""", result.Output));
    }

    [Fact]
    public void Run_TaskWithoutTokenInParameters_CallHasNoToken()
    {
        var calls = new List<TaskCall>();

        _engine.Run(SingleTask("arn:aws:states:::sns:publish"), null, Asl.Recording(calls, c => TaskOutcome.Success(null)));

        Assert.Null(Assert.Single(calls).TaskToken);
    }

    [Fact]
    public void Run_IntrinsicFunctionsOfOurFlows_EvaluateAsInAws()
    {
        var definition = Asl.Parse("""
            {
              "StartAt": "Compute",
              "States": {
                "Compute": {
                  "Type": "Pass",
                  "Parameters": {
                    "alarmNames.$": "States.Array($.resources.compositeAlarmName)",
                    "thresholds.$": "States.JsonMerge($.defaults, $.overrides, false)",
                    "second.$": "States.ArrayGetItem($.steps, 1)",
                    "nextPoll.$": "States.MathAdd($.polls, 1)",
                    "subject.$": "States.Format('[{}/{}] step {}', $.app, $.env, $.polls)",
                    "stepCount.$": "States.ArrayLength($.steps)"
                  },
                  "End": true
                }
              }
            }
            """);
        var input = Asl.Json("""
            {
              "resources": { "compositeAlarmName": "webapp-green-health" },
              "defaults": { "max5xx": 5, "p99Ms": 800 },
              "overrides": { "p99Ms": 500 },
              "steps": [10, 50, 100],
              "polls": 2,
              "app": "webapp",
              "env": "production"
            }
            """);

        var result = _engine.Run(definition, input, Asl.Echo);

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.True(
            Asl.JsonEquals("""
                {
                  "alarmNames": ["webapp-green-health"],
                  "thresholds": { "max5xx": 5, "p99Ms": 500 },
                  "second": 50,
                  "nextPoll": 3,
                  "subject": "[webapp/production] step 2",
                  "stepCount": 3
                }
                """, result.Output),
            result.Output?.ToJsonString());
    }
}
