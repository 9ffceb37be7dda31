using System.Diagnostics;
using Deploy.Rehearsal.Tests.TestSupport;
using Xunit.Abstractions;

namespace Deploy.Rehearsal.Tests;

/// <summary>Many executions in one engine process. Prints the figures; never asserts timing.</summary>
[Collection(EngineCollection.Name)]
public sealed class RehearsalEngineThroughputTests(EngineFixture fixture, ITestOutputHelper output)
{
    private const int Runs = 200;

    // A deployment-shaped flow: a retried lock, then 3 health polls (wait, probe, verdict), then a notification.
    private const string PollingFlow = """
        {
          "StartAt": "AcquireLock",
          "States": {
            "AcquireLock": {
              "Type": "Task",
              "Resource": "arn:aws:states:::dynamodb:putItem",
              "Parameters": { "TableName": "Locks", "Item": { "at": { "S.$": "$$.State.EnteredTime" } } },
              "Retry": [{ "ErrorEquals": ["DynamoDB.ThrottlingException"], "IntervalSeconds": 1, "BackoffRate": 2, "MaxAttempts": 3 }],
              "ResultPath": null,
              "Next": "Settle"
            },
            "Settle": { "Type": "Wait", "SecondsPath": "$.pollSeconds", "Next": "Probe" },
            "Probe": {
              "Type": "Task",
              "Resource": "arn:aws:lambda:us-east-1:123456789012:function:HealthCheck",
              "Parameters": { "poll.$": "$.polls" },
              "ResultPath": "$.verdict",
              "Next": "Count"
            },
            "Count": { "Type": "Pass", "Parameters": { "pollSeconds.$": "$.pollSeconds", "polls.$": "States.MathAdd($.polls, 1)", "verdict.$": "$.verdict" }, "Next": "Healthy" },
            "Healthy": {
              "Type": "Choice",
              "Choices": [{ "Variable": "$.verdict.healthy", "BooleanEquals": true, "Next": "Notify" }],
              "Default": "Settle"
            },
            "Notify": { "Type": "Task", "Resource": "arn:aws:states:::sns:publish", "ResultPath": null, "Next": "Done" },
            "Done": { "Type": "Succeed" }
          }
        }
        """;

    [Fact]
    public void Run_200SequentialExecutionsInOneEngine_AllSucceedAndTheDurationIsReported()
    {
        var definition = Asl.Parse(PollingFlow);
        var clock = new SimulatedClock(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var handler = TaskHandler.From(call =>
        {
            if (call.IsWait)
            {
                clock.Advance(TimeSpan.FromSeconds(call.WaitSeconds!.Value));
                return TaskOutcome.Success(call.Input);
            }

            return call.StateName switch
            {
                "AcquireLock" when call.RetryCount == 0 => TaskOutcome.Failure("DynamoDB.ThrottlingException", "Rate exceeded"),
                "Probe" => TaskOutcome.Success(Asl.Json($$"""{ "healthy": {{((int)call.Input!["poll"]! >= 2 ? "true" : "false")}} }""")),
                _ => TaskOutcome.Success(null),
            };
        });
        var results = new List<ExecutionResult>(Runs);

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            results.Add(fixture.Engine.Run(definition, Asl.Json("""{ "pollSeconds": 30, "polls": 0 }"""), handler, clock: clock));
        }

        watch.Stop();
        Assert.All(results, r => Assert.Equal(ExecutionStatus.Succeeded, r.Status));
        var statistics = ExecutionStatistics.From(results[0]);
        Assert.Equal(3, statistics.EnteredByState["Probe"]);
        Assert.Equal(1, statistics.Retries);
        output.WriteLine(
            $"{Runs} executions of a {statistics.StatesEntered}-state flow ({statistics.TaskAttempts} task attempts, 3 waits, 1 retry each) "
            + $"in {watch.Elapsed.TotalMilliseconds:0} ms: {watch.Elapsed.TotalMilliseconds / Runs:0.00} ms per execution; "
            + $"simulated time advanced {(clock.UtcNow - new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalHours:0.#} h.");
    }
}
