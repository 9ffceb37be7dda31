using Deploy.Contracts;
using Deploy.Contracts.Flows;

namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// The invariants of DESIGN section 2, checked on a rehearsed world after the first execution ended:
/// 100 % of traffic on one color, and that color is the verified new one (success) or the previous one
/// (failure) — or, for an execution refused before it touched the rule, traffic exactly as it was; a split is
/// accepted only for <c>Deploy.RollbackFailed</c> when AWS refused ModifyRule (the execution fails loudly); the lock released
/// (unless AWS refused every release) (or, when another execution held it, untouched); exactly one failure
/// notification per failed execution and none for a successful one.
/// </summary>
public static class Invariants
{
    /// <summary>The Deploy states that publish a failure notification (DeploymentFailed, RolledBack, RollbackFailed).</summary>
    private static readonly HashSet<string> FailureNotices = new(StringComparer.Ordinal)
    {
        FlowStateNames.Deploy.NotifyRejected, FlowStateNames.Deploy.NotifyInProgress, FlowStateNames.Deploy.NotifyFailed,
        FlowStateNames.Deploy.NotifyRolledBack, FlowStateNames.Deploy.NotifyRollbackFailed,
    };

    /// <summary>How many distinct failure notifications <paramref name="execution"/> attempted (attempts, not deliveries).</summary>
    internal static int FailureNoticesOf(SimulatedWorld.ExecutionRecord execution) =>
        execution.Calls.Where(c => c.Api == "sns:publish" && FailureNotices.Contains(c.State)).Select(c => c.State).Distinct().Count();

    /// <summary>
    /// Whether a Rollback execution restored traffic after <paramref name="deployment"/> recorded its new live color but
    /// before it ended (during its last notifications): an operator's or alarm's rollback after the success, which is
    /// meant to move traffic back.
    /// </summary>
    private static bool RolledBackAfterRecordingSuccess(SimulatedWorld world, SimulatedWorld.ExecutionRecord deployment)
    {
        var recorded = deployment.Calls.Where(c => c.State == FlowStateNames.Deploy.RecordNewLiveColor).Select(c => (DateTimeOffset?)c.At).LastOrDefault();
        return recorded is { } at && world.Executions.Any(e => e.Machine == "Rollback" && e.StartedAt >= at && e.StartedAt <= deployment.EndedAt
            && e.Calls.Any(c => c.Api == "elasticloadbalancingv2:modifyRule" && c.State.StartsWith(FlowStateNames.Prefixes.RestoreTrafficTo, StringComparison.Ordinal)));
    }

    /// <summary>The Recovery states that tell a deployment was stopped (one per restored color).</summary>
    private const string AbortedNotice = FlowStateNames.Recovery.NotifyDeploymentAborted;

    /// <summary>The Recovery state that tells the recovery could not put traffic back.</summary>
    private const string RecoveryFailedNotice = FlowStateNames.Recovery.NotifyRecoveryFailed;

    /// <summary>
    /// What must hold once the Recovery of an execution that was stopped (StopExecution) or timed out has ended: 100 % of
    /// traffic on one color — the previous one unless the deployment had recorded the new color live —, the lock held by
    /// neither, and, for a deployment, at most one failure notification of its own and at most one DeploymentAborted from
    /// the recovery, at least one of the two unless the new color was recorded live.
    /// </summary>
    internal static IEnumerable<string> AfterRecovery(SimulatedWorld world, SimulatedWorld.ExecutionRecord stopped, string oldColor, string newColor)
    {
        if (world.RecoveryOf(stopped.Arn) is not { Result: not null } recovery)
        {
            yield return $"{stopped.Name} ended {stopped.Result!.StatusName} and no Recovery ran";
            yield break;
        }

        var weights = recovery.WeightsAtEnd!;
        var live = TrafficShares.AllOn(weights);
        var recordedNew = SimulatedTable.Plain(recovery.StateAtEnd?[StateItem.Name(i => i.LiveColor)]) as string == newColor && live == newColor;
        var restoreRefused = recovery.Refused.Any(r => r.Api == "elasticloadbalancingv2:modifyRule");
        // DynamoDB refusing the recovery's reads of the state item until it gave up: it cannot know which color is verified,
        // so it must not move traffic; it fails loudly (RecoveryFailed, counted below) and leaves traffic as the stop left it.
        var stateUnreadable = !recovery.Result!.Succeeded && recovery.Refused.Any(r => r.Api == "dynamodb:getItem")
            && !recovery.Calls.Any(c => c.Api == "elasticloadbalancingv2:modifyRule");
        if (stateUnreadable)
        {
            // Nothing to check about traffic: the notice below is what the operator gets.
        }
        else if (live is null && !restoreRefused)
        {
            yield return $"traffic split after {recovery.Name} recovered {stopped.Name}: blue {weights["blue"]}, green {weights["green"]}";
        }
        else if (stopped.Machine == "Deploy" && live is not null && live != oldColor && !recordedNew)
        {
            yield return $"after {recovery.Name} recovered {stopped.Name}, traffic is on {live}, neither the previous color {oldColor} nor a recorded new one";
        }

        var lockedBy = SimulatedTable.Plain(recovery.StateAtEnd?[StateItem.Name(i => i.LockedBy)]) as string;
        // DynamoDB refusing every write the recovery tried (it fails loudly, RecoveryFailed) is the one case nothing can do better.
        var writesRefused = !recovery.Result!.Succeeded && recovery.Refused.Any(r => r.Api == "dynamodb:updateItem");
        if ((lockedBy == stopped.Arn || lockedBy == recovery.Arn) && !writesRefused)
        {
            yield return $"after {recovery.Name} recovered {stopped.Name}, the lock is still held by {lockedBy}";
        }

        if (stopped.Machine == "Deploy" && StatePath.Read<DeployState>(stopped.Input, s => s.RetirePrevious) is null)
        {
            var own = FailureNoticesOf(stopped);
            // DeploymentAborted, or RecoveryFailed when the recovery could not act: either tells the operator about the stop.
            var aborted = recovery.Calls.Where(c => c.Api == "sns:publish"
                && (c.State.StartsWith(AbortedNotice, StringComparison.Ordinal) || c.State == RecoveryFailedNotice)).Select(c => c.State).Distinct().Count();
            if (own > 1 || aborted > 1 || (own + aborted == 0 && !recordedNew))
            {
                yield return $"{stopped.Name} ({stopped.Result!.StatusName}) published {own} failure notifications and its recovery {aborted} DeploymentAborted; expected one of them at least and never two of either";
            }
        }
    }

    /// <summary>Whether an Unlock execution that ended by <paramref name="by"/> released the lock of <paramref name="holder"/>.</summary>
    internal static bool UnlockReleased(SimulatedWorld world, string holder, DateTimeOffset by) =>
        world.Executions.Any(e => e.Machine == "Unlock" && e.Result is { Succeeded: true } result && e.EndedAt <= by
            && UnlockResult.From(result.Output) is { Outcome: UnlockResult.Released } released && released.Holder == holder);

    /// <summary>Every violated invariant, as a sentence; empty when all hold.</summary>
    public static IReadOnlyList<string> Check(SimulatedWorld world, SimulatedWorld.ExecutionRecord first, string? foreignLock = null)
    {
        var violations = new List<string>();
        var result = first.Result!;
        if (result.Stopped)
        {
            // No Catch ran: what the stopped execution left behind is the Recovery's to put back.
            violations.AddRange(AfterRecovery(world, first, world.OldColor, world.NewColor));
            return violations;
        }

        var weights = first.WeightsAtEnd!;
        var live = TrafficShares.AllOn(weights);

        var touchedRule = first.Calls.Any(c => c.Api == "elasticloadbalancingv2:modifyRule");
        if (!touchedRule && !result.Succeeded && first.WeightsAtStart is { } before)
        {
            // Refused before touching anything (invalid request, lock held, split without a record): traffic as it was.
            if (before["blue"] != weights["blue"])
            {
                violations.Add($"{first.Name} changed the weights without calling ModifyRule: {before["blue"]} -> {weights["blue"]}");
            }
        }
        else if (result.Error == "Deploy.RollbackFailed" && first.Refused.Any(r => r.Api == "elasticloadbalancingv2:modifyRule"))
        {
            // AWS refused to change the rule back: the execution fails loudly (notified) instead; nothing can do better.
        }
        else if (live is null)
        {
            violations.Add($"traffic split at the end of {first.Name}: blue {weights["blue"]}, green {weights["green"]}");
        }
        else if (first.Machine == "Deploy")
        {
            if (result.Succeeded)
            {
                if (live != world.NewColor && !RolledBackAfterRecordingSuccess(world, first))
                {
                    violations.Add($"{first.Name} succeeded but traffic is on {live}, not the new color {world.NewColor}");
                }

                var verdicts = world.Verdicts.Where(v => v.Color == world.NewColor && v.At <= first.EndedAt).ToList();
                if (verdicts.Count == 0 || verdicts[^1].Status != "Healthy" || !verdicts.Any(v => v.Phase == "BeforeTraffic" && v.Status == "Healthy"))
                {
                    violations.Add($"{first.Name} succeeded without a Healthy verdict for {world.NewColor} before and after traffic");
                }
            }
            else if (result.Error != "Deploy.RollbackFailed" && live != world.OldColor)
            {
                violations.Add($"{first.Name} failed ({result.Error}) but traffic is on {live}, not the previous color {world.OldColor}");
            }
        }

        var lockedBy = SimulatedTable.Plain(first.StateAtEnd?[StateItem.Name(i => i.LockedBy)]) as string;
        var releaseRefused = first.Refused.Any(r => r.Api == "dynamodb:updateItem" && r.State.StartsWith(FlowStateNames.Prefixes.Release, StringComparison.Ordinal));
        // A lock the scenario put there stays its holder's, unless an Unlock found that holder not running and released it, or
        // a Recovery of that holder did.
        var expectedLock = foreignLock is not null && !UnlockReleased(world, foreignLock, first.EndedAt)
            && world.RecoveryOf(foreignLock) is not { Result.Succeeded: true } ? foreignLock : null;
        if (expectedLock is null ? lockedBy is not null && !(lockedBy == first.Arn && releaseRefused) : lockedBy != expectedLock)
        {
            violations.Add($"lock at the end of {first.Name}: {lockedBy ?? "free"} (expected {expectedLock ?? "free"})");
        }

        // Attempts, not deliveries: when SNS keeps refusing, the flow still tried to notify exactly once.
        var failures = FailureNoticesOf(first);
        var expected = result.Succeeded || first.Machine != "Deploy" ? 0 : 1;
        if (first.Machine == "Deploy" && failures != expected)
        {
            violations.Add($"{first.Name} ({result.Status}, {result.Error}) published {failures} failure notifications, expected {expected}");
        }

        return violations;
    }
}
