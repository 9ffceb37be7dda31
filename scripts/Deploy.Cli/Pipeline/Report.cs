using System.Text.Json.Nodes;
using Deploy.Contracts;

namespace Deploy.Cli.Pipeline;

/// <summary>Prints an ended Deploy execution and returns its exit code.</summary>
public static class Report
{
    /// <summary>Prints the outcome (text or JSON) and maps it to an exit code.</summary>
    public static ExitCode Ended(CliContext context, ExecutionView execution, JsonObject? extra = null)
    {
        var outcome = Outcomes.Of(execution);
        var code = Outcomes.ExitCodeOf(execution);
        var sentence = Sentence(execution);
        context.Output.Outcome(sentence, outcome == "Succeeded");
        context.Output.Result(With(Json(execution), extra));
        if (code != ExitCode.Success)
        {
            context.Output.Failure(ErrorName(execution, null, code), sentence);
        }

        return code;
    }

    /// <summary>The outcome of an ended deployment in one sentence, as text mode prints it.</summary>
    public static string Sentence(ExecutionView execution) => Outcomes.Of(execution) switch
    {
        "Succeeded" => $"Deployment succeeded in {Format(execution.Elapsed(DateTimeOffset.UtcNow))}: {execution.Name}",
        "RolledBack" or "ApprovalRejected" => $"Deployment rolled back ({execution.Error}): {execution.Cause}",
        _ => $"Deployment failed ({execution.Error}): {execution.Cause}",
    };

    /// <summary>
    /// <see cref="Ended"/>, except for a deployment that ended without its own rollback (<see cref="Aftermath.Applies"/>):
    /// then it waits up to <paramref name="timeout"/> (default 15 minutes) for the execution that puts traffic back and
    /// reports that one's answer — rolled back (exit 4), not restored (exit 3), or still running (exit 6).
    /// </summary>
    public static async Task<ExitCode> EndedAsync(CliContext context, PipelineMachines machines, ExecutionView execution, TimeSpan? timeout, CancellationToken ct,
        JsonObject? extra = null)
    {
        if (!Aftermath.Applies(machines, execution))
        {
            return Ended(context, execution, extra);
        }

        context.Output.Line($"The deployment ended {execution.Status} ({execution.Error}); waiting for its Recovery.");
        var restorer = await Aftermath.WaitAsync(context.Gateway, machines, execution, timeout ?? TimeSpan.FromMinutes(15), ct);
        var (code, message) = Aftermath.Judge(execution, restorer);
        context.Output.Outcome(message, code == ExitCode.RolledBack);
        var json = Json(execution);
        json["recovery"] = restorer is null ? null : Json(restorer);
        json["message"] = message;
        context.Output.Result(With(json, extra));
        context.Output.Failure(ErrorName(execution, restorer, code), message);
        return code;
    }

    /// <summary>
    /// The name of a deployment's failure in <c>--output json</c>: the error it ended with (<c>Deploy.RolledBack</c>,
    /// <c>Deploy.ApprovalRejected</c> for a rejected approval, <c>Deploy.DeploymentInProgress</c>, <c>Deploy.Aborted</c>, …),
    /// its Recovery's error when that failed, <see cref="CliErrorNames.WaitTimedOut"/> while the Recovery runs, and the
    /// name of the exit code when the execution names none.
    /// </summary>
    public static string ErrorName(ExecutionView deployment, ExecutionView? recovery, ExitCode code) => code switch
    {
        ExitCode.WaitTimedOut => CliErrorNames.WaitTimedOut,
        ExitCode.ApprovalRejected => DeployErrors.ApprovalRejected,
        ExitCode.DeploymentFailed when recovery is { Ended: true, Status: not "SUCCEEDED" } => recovery.Error ?? CliErrorNames.DeploymentFailed,
        _ => deployment.Error ?? CliErrorNames.For(code),
    };

    /// <summary><paramref name="json"/> with the members of <paramref name="extra"/> added (what a verb knows beyond the execution).</summary>
    public static JsonObject With(JsonObject json, JsonObject? extra)
    {
        foreach (var (name, value) in extra ?? [])
        {
            json[name] = value?.DeepClone();
        }

        return json;
    }

    /// <summary>
    /// An execution as JSON. Its own error and cause (as <c>DescribeExecution</c> reports them) are <c>executionError</c>
    /// and <c>executionCause</c>: <c>error</c> is the document's, present only when the command fails.
    /// </summary>
    public static JsonObject Json(ExecutionView execution) => new()
    {
        ["executionArn"] = execution.Arn,
        ["name"] = execution.Name,
        ["status"] = execution.Status,
        ["outcome"] = Outcomes.Of(execution),
        ["startDate"] = CliJson.Time(execution.Start),
        ["stopDate"] = CliJson.Time(execution.Stop),
        ["durationSeconds"] = CliJson.Seconds(execution.Elapsed(DateTimeOffset.UtcNow)),
        ["executionError"] = execution.Error,
        ["executionCause"] = execution.Cause,
    };

    /// <summary>A duration for people: 2h 03m, 4m 05s, 12s.</summary>
    public static string Format(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours}h {span.Minutes:00}m" : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m {span.Seconds:00}s" : $"{span.TotalSeconds:0}s";
}
