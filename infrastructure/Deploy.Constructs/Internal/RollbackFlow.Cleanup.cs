using System.Linq.Expressions;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.StateTable;

namespace Deploy.Constructs.Internal;

/// <summary>The Rollback flow's cleanup once traffic is back: record, revert and scale in the failed color, release.</summary>
internal sealed partial class RollbackFlow
{
    private (IChainable TakeLock, IChainable LockHeld) AfterRestore(FleetColor restored)
    {
        if (!_afterRestore.TryGetValue(restored, out var entries))
        {
            entries = BuildAfterRestore(restored);
            _afterRestore[restored] = entries;
        }

        return entries;
    }


    /// <summary>
    /// The cleanup once traffic is back on <paramref name="restored"/>: its two entries are the lock to take (after a warm
    /// restore, made without the lock) and the record to write when this execution holds the lock already.
    /// </summary>
    private (IChainable TakeLock, IChainable LockHeld) BuildAfterRestore(FleetColor restored)
    {
        var failedColor = FlowContext.Other(restored);
        var restoredName = FlowContext.Name(restored);
        var failedGroup = _fleet.Group(failedColor).AutoScalingGroupName;

        // Take the lock for the cleanup; the state now says the restored color is live and nothing is warm behind it.
        var lockIt = AcquireLock(_scope, $"LockForCleanup{restored}", _context, JsonPath.DISCARD);
        var colors = new Dictionary<string, DynamoAttributeValue>
        {
            [":live"] = DynamoAttributeValue.FromString(restoredName),
            [":failed"] = DynamoAttributeValue.FromString(FlowContext.Name(failedColor)),
            [":false"] = DynamoAttributeValue.FromBoolean(false),
            [":me"] = ExecutionId(),
        };
        const string setColors = "SET liveColor = :live, previousColor = :failed, previousWarm = :false ";
        const string releaseCondition = "attribute_not_exists(lockedBy) OR lockedBy = :me";
        // The verified restore restored the recorded live color: its recorded versions stay true.
        var record = Update(_scope, $"{FlowStateNames.Rollback.RecordRestored}{restored}", _context, new StateUpdate(setColors + ReleaseClause, colors) { Condition = releaseCondition });
        // A warm restore brought the previous color back: the live versions on record are the failed color's, so they go (a
        // later verified restore of this color then checks it against its group's own launch-template version).
        var recordWarm = Update(_scope, $"{FlowStateNames.Rollback.RecordRestored}Warm{restored}", _context,
            new StateUpdate(setColors + ReleaseClause + ", liveVersion, liveLaunchTemplateVersion", colors) { Condition = releaseCondition });
        var notify = Notifications.Publish(_scope, $"NotifyRolledBackTo{restored}", _context, "RolledBack", $"Rolled back: 100% on {restoredName}", "$");
        var metrics = FlowSteps.PutMetrics(_scope, $"CountRolledBack{restored}", _context, ("DeploymentsRolledBack", 1, "Count"));
        var rolledBack = new Fail(_scope, $"RolledBack{restored}", new FailProps
        {
            Error = DeployErrors.RolledBack,
            CausePath = $"States.Format('Rolled back: 100% of traffic is on {restoredName} again. Reason: {{}}', {P(s => s.Reason)})",
        });

        // Traffic is safe already; a cleanup failure is recorded in the output and the lock still released.
        var release = ReleaseLock(_scope, $"ReleaseCleanupLock{restored}", _context);
        release.AddCatch(rolledBack, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = P(s => s.CleanupFailure) });
        var revert = RevertFailedColor.Create(_scope, _context, new RevertTarget(restored.ToString(), $"ScaleDownFailed{restored}",
            GroupRef.Named(failedGroup),
            new RecordedGroup(P(s => s.State.Item.RevertLaunchTemplateVersion.S), $"States.StringToJson({P(s => s.State.Item.RevertMinSize.N)})",
                $"States.StringToJson({P(s => s.State.Item.RevertMaxSize.N)})", $"States.StringToJson({P(s => s.State.Item.RevertDesiredCapacity.N)})")), release);
        FlowTasks.CatchAll(metrics, release, P(s => s.CleanupFailure));

        // Without the lock (a deployment started meanwhile) only notify: the deployment owns the groups now.
        var notifyOnly = Notifications.Publish(_scope, $"NotifyRolledBackNoCleanup{restored}", _context, "RolledBack", $"Rolled back: 100% on {restoredName} (cleanup left to the running deployment)", "$");
        notifyOnly.AddCatch(rolledBack, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = P(s => s.CleanupFailure) });
        notifyOnly.Next(rolledBack);
        lockIt.AddCatch(notifyOnly, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = P(s => s.LockError) });
        record.AddCatch(release, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = P(s => s.CleanupFailure) });
        recordWarm.AddCatch(release, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = P(s => s.CleanupFailure) });

        revert.Then(refused: release, afterScaleDown: metrics);
        metrics.Next(release);
        release.Next(rolledBack);

        // The revert the record holds is for one group (revertGroup): the failed color's after a deployment that made it live,
        // or after a deployment onto it whose rollback failed. Without one for this group the failed color is only scaled in.
        var revertRecorded = Condition.And(
            Is(P(s => s.State.Item.RevertGroup.S), failedGroup),
            Condition.IsPresent(P(s => s.State.Item.RevertLaunchTemplateVersion.S)),
            Condition.IsPresent(P(s => s.State.Item.RevertMinSize.N)),
            Condition.IsPresent(P(s => s.State.Item.RevertMaxSize.N)),
            Condition.IsPresent(P(s => s.State.Item.RevertDesiredCapacity.N)));
        var cleanup = new Choice(_scope, $"RevertRecordedFor{failedColor}Group")
            .When(revertRecorded, revert.Start)
            .Otherwise(revert.ScaleDown);
        var afterRecord = FlowTasks.BestEffort(notify, cleanup);
        record.Next(afterRecord);
        recordWarm.Next(afterRecord);
        return (lockIt.Next(recordWarm), record);
    }
}
