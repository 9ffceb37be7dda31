using System.Text.Json.Nodes;
using Deploy.Contracts;

namespace Deploy.Cli.Pipeline;

/// <summary>
/// Aborting a running deployment: StopExecution with <see cref="DeployErrors.Aborted"/> ends it where it is — in the grace
/// period, the health polls, the approval wait, between traffic steps or in the bake — and the Recovery state machine,
/// started by EventBridge for the ABORTED execution, puts 100 % of traffic back on the recorded live color first, then
/// scales the unverified color in, releases the lock and notifies <c>DeploymentAborted</c> once. The CLI waits for that
/// Recovery and says whether traffic was restored.
/// </summary>
public static class Abort
{
    /// <summary>What an abort did: the stopped deployment, its Recovery (when it was seen ending) and the exit code.</summary>
    public sealed record Outcome(ExecutionView Deployment, ExecutionView? Recovery, ExitCode Code, string Message)
    {
        /// <summary>
        /// The name of the failure in <c>--output json</c>: the Recovery's error when it failed,
        /// <see cref="CliErrorNames.WaitTimedOut"/> while it runs, <see cref="CliErrorNames.DeploymentFailed"/> without one.
        /// </summary>
        public string ErrorName => Code switch
        {
            ExitCode.WaitTimedOut => CliErrorNames.WaitTimedOut,
            _ => Recovery?.Error ?? CliErrorNames.DeploymentFailed,
        };

        /// <summary>The JSON result (<c>--output json</c>).</summary>
        public JsonObject Json() => new()
        {
            ["executionArn"] = Deployment.Arn,
            ["restored"] = Code == ExitCode.Success,
            ["liveColor"] = Recovery is null ? null : Aftermath.RestoredColor(Recovery),
            ["recovery"] = Recovery is null ? null : Report.Json(Recovery),
            ["message"] = Message,
        };
    }

    /// <summary>
    /// Stops <paramref name="deployment"/> and waits up to <paramref name="timeout"/> for its Recovery to end.
    /// </summary>
    /// <returns>
    /// <see cref="ExitCode.Success"/> when 100 % of traffic is on one verified color and the lock is free (the Recovery put it
    /// back, or found nothing left behind); <see cref="ExitCode.DeploymentFailed"/> when the Recovery failed (an operator
    /// must check the rule); <see cref="ExitCode.WaitTimedOut"/> when it had not ended in time.
    /// </returns>
    public static async Task<Outcome> RunAsync(PipelineGateway gateway, PipelineMachines machines, ExecutionView deployment, string who, string reason,
        TimeSpan timeout, CancellationToken ct)
    {
        await gateway.StopAsync(deployment.Arn, DeployErrors.Aborted, $"Aborted by {who}: {reason}", ct);
        var stopped = await gateway.DescribeAsync(deployment.Arn, ct);
        if (machines.Recovery is null)
        {
            return new Outcome(stopped, null, ExitCode.DeploymentFailed,
                $"Stopped {deployment.Arn}, but this stack has no Recovery state machine to put traffic back: update the stack (cdk deploy), then check the weights with deploy-pipeline info --env {machines.Environment}.");
        }

        var recovery = await Aftermath.WaitAsync(gateway, machines, deployment, timeout, ct);
        if (recovery is { Ended: true })
        {
            return Finished(machines, stopped, recovery);
        }

        return new Outcome(stopped, recovery, ExitCode.WaitTimedOut, recovery is null
            ? $"Stopped {deployment.Arn}; its Recovery has not started yet (EventBridge delivers the end of an execution on a best-effort basis). Check: deploy-pipeline info --env {machines.Environment}."
            : $"Stopped {deployment.Arn}; its Recovery is still running: deploy-pipeline status --execution-arn {recovery.Arn}");
    }

    private static Outcome Finished(PipelineMachines machines, ExecutionView deployment, ExecutionView recovery)
    {
        if (recovery.Status != "SUCCEEDED")
        {
            return new Outcome(deployment, recovery, ExitCode.DeploymentFailed,
                $"Aborted {deployment.Name}, but its Recovery failed ({recovery.Error}): {recovery.Cause} Check the listener rule's weights now (deploy-pipeline info --env {machines.Environment}).");
        }

        return Aftermath.RestoredColor(recovery) is { } color
            ? new Outcome(deployment, recovery, ExitCode.Success,
                $"Aborted {deployment.Name}: 100% of traffic is on {color}, the unverified color is scaled in and the lock is released.")
            : new Outcome(deployment, recovery, ExitCode.Success,
                $"Aborted {deployment.Name}: nothing was left behind (traffic was all on the live color and the lock free, or another execution holds it now).");
    }
}
