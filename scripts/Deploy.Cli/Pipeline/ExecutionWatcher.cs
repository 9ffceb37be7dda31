using System.Globalization;
using System.Text.Json.Nodes;

namespace Deploy.Cli.Pipeline;

/// <summary>
/// Follows an execution until it ends: on a terminal one line rewritten in place and cut to the terminal's width
/// (state, time in it, elapsed, weights, latest verdict); otherwise one plain line per change of state, weights,
/// verdict or approval wait — never one per poll.
/// </summary>
public static class ExecutionWatcher
{
    /// <summary>
    /// Waits for the end. Past <paramref name="timeout"/> (default 2 hours), or on Ctrl-C, it stops watching — the
    /// execution goes on — and throws a <see cref="CliException"/> with <see cref="ExitCode.WaitTimedOut"/> that says how to
    /// watch it again; in JSON mode it first writes the execution it was following, so a script learns its ARN.
    /// </summary>
    public static async Task<ExecutionView> WaitAsync(CliContext context, PipelineMachines machines, string executionArn, TimeSpan? timeout, CancellationToken ct)
    {
        var facts = await context.Gateway.FactsAsync(machines, ct);
        var limit = timeout ?? TimeSpan.FromHours(2);
        var started = DateTimeOffset.UtcNow;
        string? lastKey = null;
        ExecutionInsight? insight = null;
        ExecutionView? last = null;
        try
        {
            var polls = 0;
            while (true)
            {
                var execution = last = await context.Gateway.DescribeAsync(executionArn, ct);
                var history = await context.Gateway.HistoryAsync(executionArn, ct);
                var now = DateTimeOffset.UtcNow;
                insight = ExecutionInsight.From(history, facts.TargetGroupColors, execution.Stop ?? now);
                var phase = Timeline.From(history, facts, execution, now) is [.., var latestPhase] ? latestPhase : null;
                var key = Key(execution, insight, phase);
                if (key != lastKey || context.Output.Interactive)
                {
                    context.Output.Progress(Line(execution, insight, machines.Environment, phase));
                    lastKey = key;
                }

                if (execution.Ended)
                {
                    context.Output.EndProgress();
                    return execution;
                }

                if (DateTimeOffset.UtcNow - started > limit)
                {
                    throw GaveUp(context, machines, executionArn, last, insight, $"Stopped waiting after {Report.Format(limit)}");
                }

                await Task.Delay(CliContext.PollDelay(++polls), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw GaveUp(context, machines, executionArn, last, insight, "Stopped watching (interrupted)");
        }
    }

    private static CliException GaveUp(CliContext context, PipelineMachines machines, string executionArn, ExecutionView? last, ExecutionInsight? insight, string what)
    {
        context.Output.EndProgress();
        var json = last is null ? new JsonObject { ["executionArn"] = executionArn, ["status"] = "RUNNING" } : Report.Json(last);
        json["currentState"] = insight?.CurrentState;
        json["weights"] = insight is null ? null : CliJson.Weights(insight.Weights);
        json["waitTimedOut"] = true;
        context.Output.Result(json);
        return new CliException(ExitCode.WaitTimedOut,
            $"{what}; the deployment goes on ({insight?.CurrentState ?? "starting"}). Watch it again with: deploy-pipeline watch --env {machines.Environment} (or status --execution-arn {executionArn})");
    }

    /// <summary>What a plain (non-terminal) watcher prints a new line for: everything on the line but the clocks.</summary>
    private static string Key(ExecutionView execution, ExecutionInsight insight, TimelineEntry? phase) =>
        string.Join('|', execution.Status, phase?.Phase, phase?.Step, insight.CurrentState, string.Join(',', insight.Weights.Select(w => $"{w.Key}={w.Value}")),
            insight.Verdict?.Status, insight.PendingApprovalToken is null);

    /// <summary>
    /// The progress line: elapsed time, status, the phase (a traffic step as <c>traffic k/n</c>, from the definition's declared
    /// phases) and the state with the time in it, weights, latest verdict, approval wait.
    /// </summary>
    public static string Line(ExecutionView execution, ExecutionInsight insight, string? environment = null, TimelineEntry? phase = null)
    {
        var now = execution.Stop ?? DateTimeOffset.UtcNow;
        var elapsed = execution.Elapsed(DateTimeOffset.UtcNow);
        var weights = insight.Weights.Count == 0 ? "weights ?" : "weights " + string.Join(" / ", insight.Weights.Select(w => $"{w.Key} {w.Value}%"));
        var verdict = insight.Verdict is { } v ? $"  health {v.Status}" : string.Empty;
        var approval = insight.PendingApprovalToken is null ? string.Empty
            : $"  (awaiting approval: deploy-pipeline approve --env {environment ?? "<env>"})";
        // Time in the current state; left out while the clocks disagree (an endpoint whose clock runs ahead, such as the local engine).
        var inState = insight.States.Count > 0 && !execution.Ended && now >= insight.States[^1].Entered ? $" {Report.Format(now - insight.States[^1].Entered)}" : string.Empty;
        var step = phase is null ? string.Empty
            : (phase.Step is { } k ? $"{phase.Phase} {k}/{phase.Steps?.ToString(CultureInfo.InvariantCulture) ?? "?"}" : phase.Phase) + ": ";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{(int)elapsed.TotalMinutes:00}:{elapsed.Seconds:00}] {execution.Status,-9} {step + (insight.CurrentState ?? "starting") + inState,-44} {weights}{verdict}{approval}");
    }
}
