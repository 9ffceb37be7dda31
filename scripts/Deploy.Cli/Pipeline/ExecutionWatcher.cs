using System.Globalization;

namespace Deploy.Cli.Pipeline;

/// <summary>
/// Follows an execution until it ends: on a terminal one line rewritten in place (state, elapsed time,
/// weights, latest verdict); otherwise a plain line whenever the state changes.
/// </summary>
public static class ExecutionWatcher
{
    /// <summary>Waits for the end; throws a <see cref="CliException"/> with <see cref="ExitCode.WaitTimedOut"/> past <paramref name="timeout"/>.</summary>
    public static async Task<ExecutionView> WaitAsync(CliContext context, PipelineMachines machines, string executionArn, TimeSpan? timeout, CancellationToken ct)
    {
        var facts = await context.Gateway.FactsAsync(machines, ct);
        var limit = timeout ?? TimeSpan.FromHours(2);
        var started = DateTimeOffset.UtcNow;
        string? lastLine = null;
        while (true)
        {
            var execution = await context.Gateway.DescribeAsync(executionArn, ct);
            var insight = ExecutionInsight.From(await context.Gateway.HistoryAsync(executionArn, ct), facts.TargetGroupColors, execution.Stop ?? DateTimeOffset.UtcNow);
            var line = Line(execution, insight);
            if (line != lastLine || context.Output.Interactive)
            {
                context.Output.Progress(line);
                lastLine = line;
            }

            if (execution.Ended)
            {
                context.Output.EndProgress();
                return execution;
            }

            if (DateTimeOffset.UtcNow - started > limit)
            {
                context.Output.EndProgress();
                throw new CliException(ExitCode.WaitTimedOut,
                    $"Stopped waiting after {limit.TotalMinutes:0} minutes; the deployment goes on ({insight.CurrentState}). Follow it with: deploy-pipeline status --execution-arn {executionArn}");
            }

            await Task.Delay(CliContext.PollInterval, ct);
        }
    }

    /// <summary>The progress line: state, elapsed time, weights, latest verdict.</summary>
    public static string Line(ExecutionView execution, ExecutionInsight insight)
    {
        var elapsed = execution.Elapsed(DateTimeOffset.UtcNow);
        var weights = insight.Weights.Count == 0 ? "weights ?" : "weights " + string.Join(" / ", insight.Weights.Select(w => $"{w.Key} {w.Value}%"));
        var verdict = insight.Verdict is { } v ? $"  health {v.Status}" : string.Empty;
        var approval = insight.PendingApprovalToken is null ? string.Empty : "  (awaiting approval: deploy-pipeline approve --env …)";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{(int)elapsed.TotalMinutes:00}:{elapsed.Seconds:00}] {execution.Status,-9} {insight.CurrentState ?? "starting",-28} {weights}{verdict}{approval}");
    }
}
