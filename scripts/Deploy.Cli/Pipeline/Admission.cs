namespace Deploy.Cli.Pipeline;

/// <summary>
/// Whether a deployment just started got past the environment lock: <c>deploy</c> without <c>--wait</c> says so only once
/// the execution has entered the state after <c>AcquireLock</c> (it holds the lock), or reports how it ended — a refusal
/// names the holder — so a refused deployment never looks like a started one.
/// </summary>
public static class Admission
{
    /// <summary>How long <c>deploy</c> without <c>--wait</c> waits for the lock by default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Polls <paramref name="executionArn"/> until it holds the lock (returns it running) or has ended (returns it ended),
    /// or <paramref name="timeout"/> has passed (returns it running, <c>Admitted</c> false).
    /// </summary>
    public static async Task<(ExecutionView Execution, bool Admitted)> WaitAsync(PipelineGateway gateway, PipelineMachines machines, string executionArn,
        TimeSpan timeout, CancellationToken ct)
    {
        var facts = await gateway.FactsAsync(machines, ct);
        var deadline = DateTimeOffset.UtcNow + timeout;
        var polls = 0;
        while (true)
        {
            var execution = await gateway.DescribeAsync(executionArn, ct);
            if (execution.Ended)
            {
                return (execution, false);
            }

            var history = await gateway.HistoryAsync(executionArn, ct);
            if (facts.AfterLockState is { } after && history.Any(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal) && e.State == after))
            {
                return (execution, true);
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                return (execution, false);
            }

            await Task.Delay(CliContext.PollDelay(++polls), ct);
        }
    }
}
