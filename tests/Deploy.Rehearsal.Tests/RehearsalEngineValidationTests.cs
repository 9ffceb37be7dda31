using Deploy.Rehearsal.Tests.TestSupport;

namespace Deploy.Rehearsal.Tests;

/// <summary>The engine's own validation (on by default), with an engine of its own.</summary>
public sealed class RehearsalEngineValidationTests : IDisposable
{
    private readonly RehearsalEngine _engine = RehearsalEngine.Start(Repository.Root);

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void Run_NextPointsToAMissingState_FailsWithInvalidDefinitionAndNoTask()
    {
        var definition = Asl.Parse("""
            { "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "Nowhere" } } }
            """);
        var calls = new List<TaskCall>();

        var result = _engine.Run(definition, null, Asl.Recording(calls, c => TaskOutcome.Success(c.Input)));

        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("Rehearsal.InvalidDefinition", result.Error);
        Assert.Contains("Nowhere", result.Cause, StringComparison.Ordinal);
        Assert.Empty(result.Events);
        Assert.Empty(calls);
    }

    [Fact]
    public void Run_DuplicateStateNameAcrossBranches_FailsWithInvalidDefinition()
    {
        var definition = Asl.Parse("""
            {
              "StartAt": "Both",
              "States": {
                "Both": {
                  "Type": "Parallel",
                  "Branches": [
                    { "StartAt": "Same", "States": { "Same": { "Type": "Pass", "End": true } } },
                    { "StartAt": "Same", "States": { "Same": { "Type": "Pass", "End": true } } }
                  ],
                  "End": true
                }
              }
            }
            """);

        var result = _engine.Run(definition, null, Asl.Echo);

        Assert.Equal("Rehearsal.InvalidDefinition", result.Error);
        Assert.Equal("state name 'Same' is used more than once", result.Cause);
    }

    [Fact]
    public void Run_EveryRewrittenConstruct_PassesValidationAndRuns()
    {
        // Wait (all four forms), Fail with intrinsic paths, Task timeouts and heartbeats by path,
        // an execution timeout, inside Parallel and Map as well as at the top.
        var definition = Asl.Parse("""
            {
              "TimeoutSeconds": 3600,
              "StartAt": "W1",
              "States": {
                "W1": { "Type": "Wait", "Seconds": 1, "Next": "W2" },
                "W2": { "Type": "Wait", "SecondsPath": "$.s", "Next": "W3" },
                "W3": { "Type": "Wait", "Timestamp": "2025-01-01T00:00:00Z", "Next": "W4" },
                "W4": { "Type": "Wait", "TimestampPath": "$.t", "Next": "Work" },
                "Work": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:::sns:publish",
                  "TimeoutSecondsPath": "$.timeout",
                  "HeartbeatSecondsPath": "$.heartbeat",
                  "ResultPath": null,
                  "Next": "Fan"
                },
                "Fan": {
                  "Type": "Parallel",
                  "Branches": [{ "StartAt": "BW", "States": { "BW": { "Type": "Wait", "Seconds": 2, "End": true } } }],
                  "ResultPath": null,
                  "Next": "Each"
                },
                "Each": {
                  "Type": "Map",
                  "ItemsPath": "$.items",
                  "ItemProcessor": { "StartAt": "MW", "States": { "MW": { "Type": "Wait", "Seconds": 3, "End": true } } },
                  "ResultPath": null,
                  "Next": "Stop"
                },
                "Stop": { "Type": "Fail", "ErrorPath": "$.error", "CausePath": "States.Format('after {} seconds', $.s)" }
              }
            }
            """);
        var calls = new List<TaskCall>();
        var input = Asl.Json("""{ "s": 5, "t": "2025-01-02T00:00:00Z", "timeout": 30, "heartbeat": 10, "items": [1], "error": "Done.Here" }""");

        var result = _engine.Run(definition, input, Asl.Recording(calls, c => TaskOutcome.Success(c.Input)));

        Assert.Equal("Done.Here", result.Error);
        Assert.Equal("after 5 seconds", result.Cause);
        Assert.Equal(["W1", "W2", "W3", "W4", "Work", "BW", "MW"], calls.Select(c => c.StateName));
        Assert.Equal([1.0, 5.0, null, null, null, 2.0, 3.0], calls.Select(c => c.WaitSeconds));
        Assert.Equal([null, null, "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z", null, null, null], calls.Select(c => c.WaitTimestamp));
        Assert.Equal(30, calls[4].TimeoutSeconds);
        Assert.Equal(10, calls[4].HeartbeatSeconds);
    }
}
