using Deploy.Rehearsal.Tests.TestSupport;

namespace Deploy.Rehearsal.Tests;

public sealed partial class RehearsalEngineTests
{
    private const string VerdictChoice = """
        {
          "StartAt": "VerdictOk",
          "States": {
            "VerdictOk": {
              "Type": "Choice",
              "Choices": [
                { "Variable": "$.verdict.healthy", "BooleanEquals": true, "Next": "Ready" },
                { "And": [ { "Variable": "$.polls", "IsPresent": true }, { "Variable": "$.polls", "NumericGreaterThanEquals": 10 } ], "Next": "GaveUp" }
              ],
              "Default": "PollAgain"
            },
            "Ready": { "Type": "Succeed" },
            "GaveUp": { "Type": "Fail", "Error": "Deploy.Unhealthy", "Cause": "still unhealthy after 10 polls" },
            "PollAgain": { "Type": "Pass", "Result": "again", "End": true }
          }
        }
        """;

    [Theory]
    [InlineData("""{ "verdict": { "healthy": true }, "polls": 3 }""", "Ready", ExecutionStatus.Succeeded)]
    [InlineData("""{ "verdict": { "healthy": false }, "polls": 10 }""", "GaveUp", ExecutionStatus.Failed)]
    [InlineData("""{ "verdict": { "healthy": false }, "polls": 2 }""", "PollAgain", ExecutionStatus.Succeeded)]
    public void Run_Choice_FollowsTheMatchingRuleOrDefault(string input, string expectedState, ExecutionStatus expectedStatus)
    {
        var result = _engine.Run(Asl.Parse(VerdictChoice), Asl.Json(input), Asl.Echo);

        Assert.Equal(expectedStatus, result.Status);
        Assert.Equal(["VerdictOk", expectedState], result.Events.Where(e => e.Type == "StateEntered").Select(e => e.State));
    }

    [Fact]
    public void Run_FailStateWithErrorPathAndCausePath_FailsWithTheirValues()
    {
        var definition = Asl.Parse("""
            { "StartAt": "VerdictError", "States": { "VerdictError": { "Type": "Fail", "ErrorPath": "$.error.name", "CausePath": "$.error.cause" } } }
            """);

        var result = _engine.Run(definition, Asl.Json("""{ "error": { "name": "Deploy.InvalidRequest", "cause": "version: is required" } }"""), Asl.Echo);

        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("Deploy.InvalidRequest", result.Error);
        Assert.Equal("version: is required", result.Cause);
        var entered = Assert.Single(result.Events, e => e.Type == "StateEntered");
        Assert.Equal("Fail", entered.EffectiveType);
        Assert.DoesNotContain(result.Events, e => e.Type == "StateExited");
    }

    [Fact]
    public void Run_FailStateWithFormatInCausePath_FailsWithTheFormattedCause()
    {
        var definition = Asl.Parse("""
            {
              "StartAt": "RolledBack",
              "States": {
                "RolledBack": {
                  "Type": "Fail",
                  "Error": "Deploy.RolledBack",
                  "CausePath": "States.Format('Rolled back: traffic restored to {}. Reason: {}', $.restored, $.reason)"
                }
              }
            }
            """);

        var result = _engine.Run(definition, Asl.Json("""{ "restored": "blue", "reason": "alarm 5xx fired" }"""), Asl.Echo);

        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("Deploy.RolledBack", result.Error);
        Assert.Equal("Rolled back: traffic restored to blue. Reason: alarm 5xx fired", result.Cause);
    }

    [Fact]
    public void Run_FailStateWithoutErrorOrCause_FailsWithNeither()
    {
        var definition = Asl.Parse("""{ "StartAt": "Stop", "States": { "Stop": { "Type": "Fail" } } }""");

        var result = _engine.Run(definition, null, Asl.Echo);

        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Null(result.Error);
        Assert.Null(result.Cause);
    }

    [Fact]
    public void Run_FailStateErrorPathNotAString_FailsWithStatesRuntime()
    {
        var definition = Asl.Parse("""{ "StartAt": "Stop", "States": { "Stop": { "Type": "Fail", "ErrorPath": "$.code", "Cause": "x" } } }""");

        var result = _engine.Run(definition, Asl.Json("""{ "code": 42 }"""), Asl.Echo);

        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("States.Runtime", result.Error);
        Assert.Equal("the Error of a Fail state must be a string (got 42)", result.Cause);
    }
}
