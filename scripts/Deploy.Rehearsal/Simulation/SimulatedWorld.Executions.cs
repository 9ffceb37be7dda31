using System.Text.Json.Nodes;
using Deploy.Contracts;

namespace Deploy.Rehearsal.Simulation;

/// <summary>The world's Step Functions executions as the Step Functions API describes them to a flow (aws-sdk:sfn).</summary>
public sealed partial class SimulatedWorld
{
    private const string SfnIntegration = "aws-sdk:sfn";

    /// <summary>
    /// DescribeExecution (Step Functions API reference,
    /// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html): <c>status</c> is
    /// <c>RUNNING</c> until the execution ends, then <c>SUCCEEDED</c>, <c>FAILED</c>, <c>TIMED_OUT</c> or <c>ABORTED</c>;
    /// <c>stopDate</c> "if the execution ended"; <c>output</c> "set only if the execution succeeds"; <c>error</c> and
    /// <c>cause</c> when it failed or was stopped with them. An ARN that names no execution is <c>ExecutionDoesNotExist</c>
    /// (HTTP 400, "Execution Does Not Exist: '&lt;arn&gt;'", the wording moto emulates), one that is no execution ARN
    /// <c>InvalidArn</c>; through the aws-sdk integration they arrive as <c>Sfn.ExecutionDoesNotExistException</c> and
    /// <c>Sfn.InvalidArnException</c> (<see cref="ServiceErrors"/>), members in PascalCase ("Learning to use AWS service SDK
    /// integrations").
    /// </summary>
    private TaskOutcome DescribeExecution(JsonObject input)
    {
        if (FindExecution(input, out var parts) is not { } found)
        {
            return Refused(input, parts);
        }

        var execution = found;

        var description = new JsonObject
        {
            ["ExecutionArn"] = execution.Arn,
            ["StateMachineArn"] = $"arn:aws:states:{parts[3]}:{parts[4]}:stateMachine:{parts[6]}",
            ["Name"] = execution.Name,
            ["Status"] = execution.Result?.StatusName ?? "RUNNING",
            ["StartDate"] = Iso(execution.StartedAt),
            ["Input"] = execution.Input?.ToJsonString() ?? "{}",
        };
        if (execution.Result is { } result)
        {
            description["StopDate"] = Iso(execution.EndedAt);
            if (result.Succeeded)
            {
                description["Output"] = result.Output?.ToJsonString() ?? "null";
            }

            if (result.Error is { } error)
            {
                description["Error"] = error;
            }

            if (result.Cause is { } cause)
            {
                description["Cause"] = cause;
            }
        }

        return TaskOutcome.Success(description);
    }

    /// <summary>
    /// StopExecution (Step Functions API reference, https://docs.aws.amazon.com/step-functions/latest/apireference/API_StopExecution.html):
    /// a running execution ends <c>ABORTED</c> with the request's <c>error</c> and <c>cause</c> at once, where it is (see
    /// <see cref="StopExecution(string, string?, string?)"/>); the answer is its <c>stopDate</c>. The documented errors are
    /// <c>ExecutionDoesNotExist</c>, <c>InvalidArn</c> and <c>ValidationException</c>, none for an execution that already
    /// ended: it is left as it ended, and the answer is its stop date.
    /// </summary>
    private TaskOutcome StopExecutionCall(JsonObject input)
    {
        if (FindExecution(input, out var parts) is not { } execution)
        {
            return Refused(input, parts);
        }

        StopExecution(execution.Arn, input["Error"]?.GetValue<string>(), input["Cause"]?.GetValue<string>());
        return TaskOutcome.Success(new JsonObject { ["StopDate"] = Iso(execution.Result is null ? Clock.UtcNow : execution.EndedAt) });
    }

    /// <summary>The execution the request's <c>ExecutionArn</c> names, or null (<paramref name="parts"/>: the ARN's parts).</summary>
    private ExecutionRecord? FindExecution(JsonObject input, out string[] parts)
    {
        var arn = input["ExecutionArn"]!.GetValue<string>();
        parts = arn.Split(':');
        return IsExecutionArn(parts) ? Executions.FirstOrDefault(e => e.Arn == arn) : null;
    }

    private static bool IsExecutionArn(string[] parts) =>
        parts.Length == 8 && parts[0] == "arn" && parts[2] == "states" && parts[5] == "execution";

    /// <summary>InvalidArn for an ARN that is no execution's, ExecutionDoesNotExist for one no execution has.</summary>
    private TaskOutcome Refused(JsonObject input, string[] parts)
    {
        var arn = input["ExecutionArn"]!.GetValue<string>();
        return IsExecutionArn(parts)
            ? TaskOutcome.Failure(ServiceErrors.Modeled(SfnIntegration, "ExecutionDoesNotExist"),
                $"Execution Does Not Exist: '{arn}' (Service: Sfn, Status Code: 400, Request ID: {RequestId()})")
            : TaskOutcome.Failure(ServiceErrors.Modeled(SfnIntegration, "InvalidArn"),
                $"Invalid Arn: 'Resource type not valid in this context: {(parts.Length > 5 ? parts[5] : arn)}' (Service: Sfn, Status Code: 400, Request ID: {RequestId()})");
    }

    /// <summary>A request id for the error's cause, deterministic within the run (the number of calls answered so far).</summary>
    private string RequestId() => $"00000000-0000-4000-8000-{CallLog.Count:x12}";
}
