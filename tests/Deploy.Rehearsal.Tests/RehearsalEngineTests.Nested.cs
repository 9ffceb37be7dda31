using Deploy.Rehearsal.Tests.TestSupport;

namespace Deploy.Rehearsal.Tests;

public sealed partial class RehearsalEngineTests
{
    private const string ParentDefinition = """
        {
          "StartAt": "Probe",
          "States": {
            "Probe": {
              "Type": "Task",
              "Resource": "arn:aws:states:::states:startExecution.sync:2",
              "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:HealthProbe", "Input": { "color.$": "$.color" } },
              "ResultSelector": { "verdict.$": "$.Output" },
              "ResultPath": "$.probe",
              "Catch": [{ "ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.probeError", "Next": "ProbeFailed" }],
              "Next": "Notify"
            },
            "Notify": { "Type": "Task", "Resource": "arn:aws:states:::sns:publish", "ResultPath": null, "End": true },
            "ProbeFailed": { "Type": "Pass", "End": true }
          }
        }
        """;

    private const string ChildDefinition = """
        {
          "StartAt": "DescribeTargetHealth",
          "States": {
            "DescribeTargetHealth": { "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:elasticloadbalancingv2:describeTargetHealth", "Next": "Settle" },
            "Settle": { "Type": "Wait", "Seconds": 30, "Next": "Healthy" },
            "Healthy": { "Type": "Choice", "Choices": [{ "Variable": "$.healthy", "BooleanEquals": true, "Next": "Ready" }], "Default": "Unhealthy" },
            "Ready": { "Type": "Succeed" },
            "Unhealthy": { "Type": "Fail", "Error": "Probe.Unhealthy", "Cause": "targets unhealthy" }
          }
        }
        """;

    [Fact]
    public void Run_NestedRunFromHandler_InnerTasksAreServedAndTheParentResumes()
    {
        var log = new List<string>();
        ExecutionResult? child = null;
        var childHandler = TaskHandler.From(call =>
        {
            log.Add($"child {call.RunId} {call.StateName}");
            return TaskOutcome.Success(call.IsWait ? call.Input : Asl.Json("""{ "healthy": true }"""));
        });
        var parentHandler = TaskHandler.From(call =>
        {
            log.Add($"parent {call.RunId} {call.StateName}");
            if (call.Resource != "arn:aws:states:::states:startExecution.sync:2")
            {
                return TaskOutcome.Success(null);
            }

            child = _engine.Run(Asl.Parse(ChildDefinition), call.Input!["Input"]!.DeepClone(), childHandler);
            return child.Succeeded
                ? TaskOutcome.Success(new System.Text.Json.Nodes.JsonObject { ["Output"] = child.Output?.DeepClone() })
                : TaskOutcome.Failure("States.TaskFailed", $"{child.Error}: {child.Cause}");
        });

        var parent = _engine.Run(Asl.Parse(ParentDefinition), Asl.Json("""{ "color": "green" }"""), parentHandler);

        Assert.Equal(ExecutionStatus.Succeeded, parent.Status);
        Assert.NotNull(child);
        Assert.NotEqual(parent.RunId, child.RunId);
        Assert.Equal(
            [$"parent {parent.RunId} Probe", $"child {child.RunId} DescribeTargetHealth", $"child {child.RunId} Settle", $"parent {parent.RunId} Notify"],
            log);
        Assert.True(Asl.JsonEquals("""{ "color": "green", "probe": { "verdict": { "healthy": true } } }""", parent.Output), parent.Output?.ToJsonString());
    }

    [Fact]
    public void Run_NestedRunFails_ParentCatchesItAsATaskError()
    {
        var childHandler = TaskHandler.From(call => TaskOutcome.Success(call.IsWait ? call.Input : Asl.Json("""{ "healthy": false }""")));
        var parentHandler = TaskHandler.From(call =>
        {
            var child = _engine.Run(Asl.Parse(ChildDefinition), call.Input!["Input"]!.DeepClone(), childHandler);
            return child.Succeeded ? TaskOutcome.Success(child.Output) : TaskOutcome.Failure("States.TaskFailed", $"{child.Error}: {child.Cause}");
        });

        var parent = _engine.Run(Asl.Parse(ParentDefinition), Asl.Json("""{ "color": "blue" }"""), parentHandler);

        Assert.Equal(ExecutionStatus.Succeeded, parent.Status);
        Assert.True(
            Asl.JsonEquals("""{ "color": "blue", "probeError": { "Error": "States.TaskFailed", "Cause": "Probe.Unhealthy: targets unhealthy" } }""", parent.Output),
            parent.Output?.ToJsonString());
    }

    [Fact]
    public void Run_NestedHandlerThrows_ExceptionSurfacesFromTheOuterRunAndEngineStillUsable()
    {
        var childHandler = TaskHandler.From(_ => throw new InvalidOperationException("no such target group"));
        var parentHandler = TaskHandler.From(call =>
        {
            var child = _engine.Run(Asl.Parse(ChildDefinition), call.Input!["Input"]!.DeepClone(), childHandler);
            return TaskOutcome.Success(child.Output);
        });

        var thrown = Assert.Throws<InvalidOperationException>(() => _engine.Run(Asl.Parse(ParentDefinition), Asl.Json("""{ "color": "blue" }"""), parentHandler));
        var after = _engine.Run(SingleTask("arn:aws:states:::sns:publish"), Asl.Json("1"), Asl.Echo);

        Assert.Equal("no such target group", thrown.Message);
        Assert.True(Asl.JsonEquals("1", after.Output));
    }

    [Fact]
    public void Run_ParallelAndMap_TasksAndWaitsInBranchesAndIterationsAreAnswered()
    {
        var definition = Asl.Parse("""
            {
              "StartAt": "Both",
              "States": {
                "Both": {
                  "Type": "Parallel",
                  "Branches": [
                    { "StartAt": "Pause", "States": { "Pause": { "Type": "Wait", "Seconds": 5, "Next": "Left" }, "Left": { "Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true } } },
                    { "StartAt": "Right", "States": { "Right": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Right", "End": true } } }
                  ],
                  "ResultPath": "$.branches",
                  "Next": "EachStep"
                },
                "EachStep": {
                  "Type": "Map",
                  "ItemsPath": "$.steps",
                  "ItemSelector": { "weight.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index" },
                  "MaxConcurrency": 1,
                  "ItemProcessor": {
                    "ProcessorConfig": { "Mode": "INLINE" },
                    "StartAt": "Shift",
                    "States": { "Shift": { "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:elasticloadbalancingv2:modifyRule", "End": true } }
                  },
                  "ResultPath": "$.shifted",
                  "End": true
                }
              }
            }
            """);
        var calls = new List<TaskCall>();
        var handler = Asl.Recording(calls, call => TaskOutcome.Success(call.IsWait ? call.Input : Asl.Json($$"""{ "from": "{{call.StateName}}", "input": {{call.Input?.ToJsonString() ?? "null"}} }""")));

        var result = _engine.Run(definition, Asl.Json("""{ "steps": [10, 100] }"""), handler);

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(["Left", "Pause", "Right", "Shift", "Shift"], calls.Select(c => c.StateName).Order());
        Assert.True(
            Asl.JsonEquals("""
                {
                  "steps": [10, 100],
                  "branches": [
                    { "from": "Left", "input": { "steps": [10, 100] } },
                    { "from": "Right", "input": { "steps": [10, 100] } }
                  ],
                  "shifted": [
                    { "from": "Shift", "input": { "weight": 10, "index": 0 } },
                    { "from": "Shift", "input": { "weight": 100, "index": 1 } }
                  ]
                }
                """, result.Output),
            result.Output?.ToJsonString());
        Assert.Equal(2, result.Events.Count(e => e.Type == "MapIterationStarted"));
    }
}
