using System.Diagnostics;
using System.Text.Json.Nodes;
using Deploy.Rehearsal.Tests.TestSupport;

namespace Deploy.Rehearsal.Tests;

[Collection(EngineCollection.Name)]
public sealed partial class RehearsalEngineTests(EngineFixture fixture)
{
    private readonly RehearsalEngine _engine = fixture.Engine;

    [Fact]
    public void Run_TaskAnsweredByHandler_HandlerGetsProcessedInputAndResultFlowsOn()
    {
        var definition = Asl.Parse("""
            {
              "StartAt": "PutLock",
              "States": {
                "PutLock": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:::dynamodb:putItem",
                  "InputPath": "$.request",
                  "Parameters": { "TableName": "Locks", "Item": { "pk": { "S.$": "$.app" } } },
                  "ResultSelector": { "consumed.$": "$.ConsumedCapacity" },
                  "ResultPath": "$.lock",
                  "End": true
                }
              }
            }
            """);
        var calls = new List<TaskCall>();
        var handler = Asl.Recording(calls, _ => TaskOutcome.Success(Asl.Json("""{ "ConsumedCapacity": 1, "Other": true }""")));

        var result = _engine.Run(definition, Asl.Json("""{ "request": { "app": "webapp" } }"""), handler);

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        var call = Assert.Single(calls);
        Assert.Equal("PutLock", call.StateName);
        Assert.Equal("arn:aws:states:::dynamodb:putItem", call.Resource);
        Assert.Equal(result.RunId, call.RunId);
        Assert.False(call.IsWait);
        Assert.True(Asl.JsonEquals("""{ "TableName": "Locks", "Item": { "pk": { "S": "webapp" } } }""", call.Input));
        // ResultPath places the result into the raw state input, not into the InputPath selection.
        Assert.True(Asl.JsonEquals("""{ "request": { "app": "webapp" }, "lock": { "consumed": 1 } }""", result.Output), result.Output?.ToJsonString());
        Assert.Null(result.Error);
    }

    [Fact]
    public void Run_HandlerFailsWithNamedError_CatchRoutesWithErrorAndCause()
    {
        var definition = Asl.Parse("""
            {
              "StartAt": "AcquireLock",
              "States": {
                "AcquireLock": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:::dynamodb:putItem",
                  "Catch": [
                    { "ErrorEquals": ["DynamoDB.ThrottlingException"], "Next": "Wrong" },
                    { "ErrorEquals": ["DynamoDB.ConditionalCheckFailedException"], "ResultPath": "$.lockError", "Next": "InProgress" }
                  ],
                  "End": true
                },
                "Wrong": { "Type": "Succeed" },
                "InProgress": { "Type": "Pass", "End": true }
              }
            }
            """);
        var handler = TaskHandler.From(_ => TaskOutcome.Failure("DynamoDB.ConditionalCheckFailedException", "The conditional request failed"));

        var result = _engine.Run(definition, Asl.Json("""{ "app": "webapp" }"""), handler);

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.True(
            Asl.JsonEquals("""{ "app": "webapp", "lockError": { "Error": "DynamoDB.ConditionalCheckFailedException", "Cause": "The conditional request failed" } }""", result.Output),
            result.Output?.ToJsonString());
        Assert.Contains(result.Events, e => e.Type == "StateCaught" && e.State == "AcquireLock");
        Assert.DoesNotContain(result.Events, e => e.State == "Wrong");
    }

    [Fact]
    public void Run_ThrottlingTwiceThenSuccess_RetriesWithoutSleepingAndReportsBackoff()
    {
        // 30 s and 45 s of backoff: a real pause would make this test take more than a minute.
        var definition = Asl.Parse("""
            {
              "StartAt": "DescribeRules",
              "States": {
                "DescribeRules": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:::aws-sdk:elasticloadbalancingv2:describeRules",
                  "Retry": [
                    { "ErrorEquals": ["States.Timeout"], "MaxAttempts": 1 },
                    { "ErrorEquals": ["ElasticLoadBalancingV2.ThrottlingException"], "IntervalSeconds": 30, "BackoffRate": 2, "MaxDelaySeconds": 45, "MaxAttempts": 4, "JitterStrategy": "FULL" }
                  ],
                  "End": true
                }
              }
            }
            """);
        var calls = new List<TaskCall>();
        var handler = Asl.Recording(calls, call => call.RetryCount < 2
            ? TaskOutcome.Failure("ElasticLoadBalancingV2.ThrottlingException", "Rate exceeded")
            : TaskOutcome.Success(Asl.Json("""{ "Rules": [] }""")));
        var watch = Stopwatch.StartNew();

        var result = _engine.Run(definition, null, handler);

        watch.Stop();
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal([0, 1, 2], calls.Select(c => c.RetryCount));
        Assert.Equal([null, 30.0, 45.0], calls.Select(c => c.RetryBackoffSeconds));
        var retries = result.Events.Where(e => e.Type == "StateRetried").ToList();
        Assert.Equal(2, retries.Count);
        Assert.Equal([1, 2], retries.Select(e => e.RetryAttempt));
        Assert.Equal([30.0, 45.0], retries.Select(e => e.RetryBackoffSeconds));
        Assert.All(retries, e => Assert.Equal("DescribeRules", e.State));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Run_RetriesExhausted_FailsWithTheTaskError()
    {
        var definition = Asl.Parse("""
            {
              "StartAt": "Publish",
              "States": {
                "Publish": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:::sns:publish",
                  "Retry": [{ "ErrorEquals": ["SNS.ThrottledException"], "MaxAttempts": 2 }],
                  "End": true
                }
              }
            }
            """);
        var calls = new List<TaskCall>();

        var result = _engine.Run(definition, null, Asl.Recording(calls, _ => TaskOutcome.Failure("SNS.ThrottledException", "slow down")));

        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("SNS.ThrottledException", result.Error);
        Assert.Equal("slow down", result.Cause);
        Assert.Equal(3, calls.Count);
        Assert.Null(result.Output);
    }

    [Fact]
    public void Run_HandlerAnswersStatesTimeout_TaskFailedDoesNotMatchButTimeoutDoes()
    {
        var definition = Asl.Parse("""
            {
              "StartAt": "Evaluate",
              "States": {
                "Evaluate": {
                  "Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:HealthCheck",
                  "TimeoutSeconds": 30,
                  "HeartbeatSeconds": 10,
                  "Catch": [
                    { "ErrorEquals": ["States.TaskFailed"], "Next": "TaskFailed" },
                    { "ErrorEquals": ["States.Timeout"], "ResultPath": "$.timeout", "Next": "TimedOut" }
                  ],
                  "End": true
                },
                "TaskFailed": { "Type": "Fail", "Error": "Wrong" },
                "TimedOut": { "Type": "Succeed" }
              }
            }
            """);
        var calls = new List<TaskCall>();

        var result = _engine.Run(definition, Asl.Json("{}"), Asl.Recording(calls, _ => TaskOutcome.Failure("States.Timeout", "Task timed out after 30 seconds")));

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.True(Asl.JsonEquals("""{ "timeout": { "Error": "States.Timeout", "Cause": "Task timed out after 30 seconds" } }""", result.Output), result.Output?.ToJsonString());
        var call = Assert.Single(calls);
        Assert.Equal(30, call.TimeoutSeconds);
        Assert.Equal(10, call.HeartbeatSeconds);
    }

    [Fact]
    public void Run_HandlerAnswersStatesRuntime_NotCaughtByStatesAll()
    {
        var definition = Asl.Parse("""
            {
              "StartAt": "Work",
              "States": {
                "Work": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:::sns:publish",
                  "Retry": [{ "ErrorEquals": ["States.ALL"] }],
                  "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Caught" }],
                  "End": true
                },
                "Caught": { "Type": "Succeed" }
              }
            }
            """);
        var calls = new List<TaskCall>();

        var result = _engine.Run(definition, null, Asl.Recording(calls, _ => TaskOutcome.Failure("States.Runtime", "bad path")));

        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("States.Runtime", result.Error);
        Assert.Single(calls);
    }

    [Fact]
    public void Run_HandlerThrows_ExceptionRethrownAndEngineStillUsable()
    {
        var definition = Asl.Parse("""
            { "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true } } }
            """);

        var thrown = Assert.Throws<InvalidOperationException>(() =>
            _engine.Run(definition, null, TaskHandler.From(_ => throw new InvalidOperationException("world has no topic"))));
        var after = _engine.Run(definition, Asl.Json("""{ "ok": true }"""), Asl.Echo);

        Assert.Equal("world has no topic", thrown.Message);
        Assert.Equal(ExecutionStatus.Succeeded, after.Status);
        Assert.True(Asl.JsonEquals("""{ "ok": true }""", after.Output));
    }

    [Fact]
    public void Run_FromAnotherThreadWhileTheFirstThreadsHandlerRuns_IsServedOnThatThread()
    {
        // Threads take turns (the simulated world's scheduler): while thread A is inside a task handler it does not read
        // from the engine, so thread B may run an execution; B's tasks are answered on B.
        var definition = Asl.Parse("""
            { "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true } } }
            """);
        ExecutionResult? fromOtherThread = null;
        int? answeredOn = null;
        var otherThread = 0;
        var handler = TaskHandler.From(call =>
        {
            var thread = new Thread(() => fromOtherThread = _engine.Run(definition, Asl.Json("""{ "from": "B" }"""), TaskHandler.From(inner =>
            {
                answeredOn = Environment.CurrentManagedThreadId;
                return TaskOutcome.Success(inner.Input);
            })));
            thread.Start();
            otherThread = thread.ManagedThreadId;
            thread.Join();
            return TaskOutcome.Success(call.Input);
        });

        var result = _engine.Run(definition, null, handler);

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(ExecutionStatus.Succeeded, fromOtherThread?.Status);
        Assert.Equal(otherThread, answeredOn);
    }

    [Fact]
    public void Start_NotARepositoryRoot_ThrowsWithTheMissingFile()
    {
        var empty = Directory.CreateTempSubdirectory("rehearsal-").FullName;
        try
        {
            var error = Assert.Throws<RehearsalException>(() => RehearsalEngine.Start(empty));

            Assert.Contains("'scripts/rehearsal/engine.mjs' was not found under the repository root", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void Start_NodeExecutableMissing_ThrowsWithTheConfiguredPath()
    {
        var options = new RehearsalEngineOptions { NodeExecutable = "/nonexistent/node" };

        var error = Assert.Throws<RehearsalException>(() => RehearsalEngine.Start(Repository.Root, options));

        Assert.Equal("The configured Node.js executable '/nonexistent/node' does not exist.", error.Message);
    }

    private static JsonObject SingleTask(string resource) => Asl.Parse($$"""
        { "StartAt": "Task", "States": { "Task": { "Type": "Task", "Resource": "{{resource}}", "End": true } } }
        """);
}
