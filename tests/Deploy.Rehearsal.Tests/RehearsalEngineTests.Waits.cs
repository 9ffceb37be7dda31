using Deploy.Rehearsal.Tests.TestSupport;

namespace Deploy.Rehearsal.Tests;

public sealed partial class RehearsalEngineTests
{
    [Fact]
    public void Run_WaitWithSeconds_HandlerReceivesSecondsAndItsAnswerIsTheOutput()
    {
        var definition = Asl.Parse("""
            {
              "StartAt": "Bake",
              "States": {
                "Bake": { "Type": "Wait", "Seconds": 3600, "Comment": "one hour", "Next": "Done" },
                "Done": { "Type": "Succeed" }
              }
            }
            """);
        var calls = new List<TaskCall>();

        var result = _engine.Run(definition, Asl.Json("""{ "phase": "bake" }"""), Asl.Recording(calls, c => TaskOutcome.Success(c.Input)));

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        var call = Assert.Single(calls);
        Assert.True(call.IsWait);
        Assert.Equal(RehearsalResources.Wait, call.Resource);
        Assert.Equal("Bake", call.StateName);
        Assert.Equal(3600, call.WaitSeconds);
        Assert.Null(call.WaitTimestamp);
        Assert.Null(call.TimeoutSeconds);
        Assert.True(Asl.JsonEquals("""{ "phase": "bake" }""", result.Output));
        var entered = Assert.Single(result.Events, e => e.Type == "StateEntered" && e.State == "Bake");
        Assert.Equal("Task", entered.StateType);
        Assert.Equal("Wait", entered.OriginalType);
        Assert.Equal("Wait", entered.EffectiveType);
    }

    [Fact]
    public void Run_WaitWithSecondsPathAfterInputPath_HandlerReceivesEvaluatedSecondsAndOutputPathApplies()
    {
        var definition = Asl.Parse("""
            {
              "StartAt": "PollInterval",
              "States": {
                "PollInterval": { "Type": "Wait", "InputPath": "$.config", "SecondsPath": "$.pollSeconds", "OutputPath": "$.name", "End": true }
              }
            }
            """);
        var calls = new List<TaskCall>();

        var result = _engine.Run(definition, Asl.Json("""{ "config": { "pollSeconds": 15, "name": "fleet" } }"""), Asl.Recording(calls, c => TaskOutcome.Success(c.Input)));

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        var call = Assert.Single(calls);
        Assert.Equal(15, call.WaitSeconds);
        Assert.True(Asl.JsonEquals("""{ "pollSeconds": 15, "name": "fleet" }""", call.Input));
        Assert.True(Asl.JsonEquals("\"fleet\"", result.Output));
    }

    [Fact]
    public void Run_WaitWithTimestampPath_HandlerReceivesTimestamp()
    {
        var definition = Asl.Parse("""
            { "StartAt": "Until", "States": { "Until": { "Type": "Wait", "TimestampPath": "$.at", "End": true } } }
            """);
        var calls = new List<TaskCall>();

        var result = _engine.Run(definition, Asl.Json("""{ "at": "2024-05-01T12:00:00Z" }"""), Asl.Recording(calls, c => TaskOutcome.Success(c.Input)));

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        var call = Assert.Single(calls);
        Assert.Null(call.WaitSeconds);
        Assert.Equal("2024-05-01T12:00:00Z", call.WaitTimestamp);
    }

    [Fact]
    public void Run_WaitSecondsPathNotAnInteger_FailsWithStatesRuntimeWithoutAskingTheHandler()
    {
        var definition = Asl.Parse("""
            {
              "StartAt": "PollInterval",
              "States": {
                "PollInterval": { "Type": "Wait", "SecondsPath": "$.pollSeconds", "Next": "Done" },
                "Done": { "Type": "Succeed" }
              }
            }
            """);
        var calls = new List<TaskCall>();

        var result = _engine.Run(definition, Asl.Json("""{ "pollSeconds": "soon" }"""), Asl.Recording(calls, c => TaskOutcome.Success(c.Input)));

        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("States.Runtime", result.Error);
        Assert.Equal("SecondsPath '$.pollSeconds' must point to a non-negative integer (got \"soon\")", result.Cause);
        Assert.Empty(calls);
    }
}
