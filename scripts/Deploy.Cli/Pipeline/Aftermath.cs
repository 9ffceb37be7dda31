using System.Text.Json.Nodes;
using Deploy.Contracts;
using Deploy.Contracts.Flows;

namespace Deploy.Cli.Pipeline;

/// <summary>
/// What put traffic back after a deployment that ended without running its own rollback — stopped by a Rollback (error
/// <see cref="DeployErrors.RollbackRequested"/>) or an abort, stopped from outside, timed out, or failed with an error the
/// flow does not name: the Recovery execution EventBridge started for that end. It restores 100 % of traffic to the live
/// color (a Rollback that stopped the deployment did that first; the Recovery's restore is then a no-op), scales the
/// unverified color in and releases the lock. The deployment's own status says only that it was stopped; whether
/// nothing is left behind is the Recovery's answer, so <c>deploy --wait</c> and <c>status</c> report it.
/// </summary>
public static class Aftermath
{
    /// <summary>
    /// Whether another execution decides the outcome of <paramref name="deployment"/>: it is an execution of the Deploy
    /// state machine that ended without its own rollback.
    /// </summary>
    public static bool Applies(PipelineMachines machines, ExecutionView deployment) =>
        deployment.Ended
        && deployment.Arn.StartsWith(machines.Deploy.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":", StringComparison.Ordinal)
        && (deployment.Status is "ABORTED" or "TIMED_OUT" || Outcomes.Of(deployment) == "Failed");

    /// <summary>
    /// Polls for the Recovery of <paramref name="deployment"/> until it has ended or <paramref name="timeout"/> has passed;
    /// returns what it last saw (<see langword="null"/> when none started).
    /// </summary>
    public static async Task<ExecutionView?> WaitAsync(PipelineGateway gateway, PipelineMachines machines, ExecutionView deployment, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var polls = 0;
        while (true)
        {
            var recovery = await gateway.RecoveryOfAsync(machines, deployment.Arn, deployment.Start, ct);
            if (recovery is { Ended: true } || DateTimeOffset.UtcNow > deadline)
            {
                return recovery;
            }

            await Task.Delay(CliContext.PollDelay(++polls), ct);
        }
    }

    /// <summary>
    /// The color a Recovery put (or found) 100 % of traffic on, from its output (<c>recovery.liveColor</c>); null when it
    /// restored nothing or the output does not say (read, never trusted: any other JSON is null).
    /// </summary>
    public static string? RestoredColor(ExecutionView recovery) =>
        ExecutionInsight.Member(ExecutionInsight.Member(recovery.Output, StatePath.Name<RecoveryState>(r => r.Recovery)), StatePath.Name<RecoveryOutcome>(o => o.LiveColor)) is JsonValue v && v.TryGetValue<string>(out var color) ? color : null;

    /// <summary>
    /// The exit code and the sentence for <paramref name="deployment"/> once its <paramref name="recovery"/> is known:
    /// <see cref="ExitCode.RolledBack"/> when 100 % of traffic is on the live color and the lock is free (put back, or
    /// nothing was left behind), <see cref="ExitCode.DeploymentFailed"/> when the Recovery failed,
    /// <see cref="ExitCode.WaitTimedOut"/> while it runs or has not started.
    /// </summary>
    public static (ExitCode Code, string Message) Judge(ExecutionView deployment, ExecutionView? recovery)
    {
        var stopped = $"The deployment ended {deployment.Status} ({deployment.Error}): {deployment.Cause}";
        if (recovery is null)
        {
            return (ExitCode.WaitTimedOut,
                $"{stopped} Its Recovery has not started yet (EventBridge delivers the end of an execution on a best-effort basis); check the weights with deploy-pipeline info.");
        }

        if (!recovery.Ended)
        {
            return (ExitCode.WaitTimedOut, $"{stopped} Its Recovery {recovery.Name} is still running: deploy-pipeline status --execution-arn {recovery.Arn}");
        }

        if (recovery.Status != "SUCCEEDED")
        {
            return (ExitCode.DeploymentFailed,
                $"{stopped} Its Recovery {recovery.Name} failed ({recovery.Error}): {recovery.Cause} Check the listener rule's weights now (deploy-pipeline info).");
        }

        return (ExitCode.RolledBack, RestoredColor(recovery) is { } color
            ? $"Deployment rolled back ({deployment.Error}): 100% of traffic is on {color}, the unverified color is scaled in and the lock is released (Recovery {recovery.Name})."
            : $"Deployment rolled back ({deployment.Error}): its Recovery {recovery.Name} found nothing left behind; traffic is all on the live color.");
    }
}
