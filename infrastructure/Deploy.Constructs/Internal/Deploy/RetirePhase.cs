using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.DeployPhase;
using static Deploy.Constructs.Internal.StateTable;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The retire entry: wait <c>RetainPreviousFor</c>, then — only if no deployment holds the lock, the previous color is
/// still the recorded warm previous, no rollback failed since, and it is still at weight 0 — record it not warm and
/// scale it to zero.
/// </summary>
internal static class RetirePhase
{
    public static IChainable Build(DeployPhase phase)
    {
        var (scope, context, fleet, config) = (phase.Scope, phase.Context, phase.Fleet, phase.Config);
        var wait = new Wait(scope, "RetainPreviousColor", new WaitProps
        {
            Comment = FlowPhases.Tag(FlowPhases.Retire, $"Keeps the previous color warm for {Secs(config.RetainPreviousFor)} s."),
            Time = WaitTime.Duration(config.RetainPreviousFor),
        });
        var skipped = new Succeed(scope, "RetireSkipped", new SucceedProps { Comment = "A deployment is running, or the previous color became live again: keep it." });
        // A failed rollback since (rollbackFailedBy) keeps the previous color: it is the way back.
        var lockIt = AcquireLock(scope, "LockForRetire", context, P(s => s.Lock),
            $"liveColor = :newLive AND previousColor = :color AND previousWarm = :true AND attribute_not_exists({RollbackFailedMarker})",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":newLive"] = Str(P(s => s.RetirePrevious.NewLiveColor)),
                [":color"] = Str(P(s => s.RetirePrevious.Color)),
                [":true"] = DynamoAttributeValue.FromBoolean(true),
            });
        lockIt.AddCatch(skipped, new CatchProps { Errors = new[] { LockHeldError }, ResultPath = P(s => s.LockError) });

        var release = ReleaseLock(scope, "ReleaseRetireLock", context);
        var failed = new Fail(scope, "RetireFailed", new FailProps { ErrorPath = P(s => s.Failure.Error), CausePath = P(s => s.Failure.Cause) });
        var releaseOnFailure = ReleaseLock(scope, "ReleaseRetireLockOnFailure", context).Next(failed);

        var read = RuleWeights.Read(scope, "ReadWeightsBeforeRetire", fleet, P(s => s.Weights));
        // Not warm first, then scaled in: the record never calls a color warm that is being emptied (a rollback would flip
        // traffic to it). If the scale-in is refused, the color is as warm as before and the record says so again.
        var notWarm = Update(scope, "MarkPreviousNotWarm", context, new StateUpdate("SET previousWarm = :false",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":false"] = DynamoAttributeValue.FromBoolean(false),
                [":me"] = ExecutionId(),
            })
        {
            Condition = "lockedBy = :me",
        });
        var scale = FlowSteps.ScaleToZero(scope, "ScaleDownPreviousColor", fleet, GroupRef.At(P(s => s.RetirePrevious.Group)));
        var stillWarm = FlowTasks.BestEffort(ReleaseLock(scope, "ReleaseRetireLockStillWarm", context, "previousWarm = :true",
            new Dictionary<string, DynamoAttributeValue> { [":true"] = DynamoAttributeValue.FromBoolean(true) }), releaseOnFailure);
        var mark = ReleaseLock(scope, FlowStateNames.Deploy.RecordPreviousRetired, context, "previousWarm = :false",
            new Dictionary<string, DynamoAttributeValue> { [":false"] = DynamoAttributeValue.FromBoolean(false) });
        foreach (var step in new State[] { read, notWarm, mark })
        {
            FlowTasks.CatchAll(step, releaseOnFailure, P(s => s.Failure));
        }

        FlowTasks.CatchAll(scale, stillWarm, P(s => s.Failure));

        var notify = Notifications.Publish(scope, "NotifyPreviousRetired", context, "PreviousColorRetired", "Previous color scaled to zero", P(s => s.RetirePrevious));
        notify.AddCatch(new Succeed(scope, "RetiredWithoutNotice"), new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = P(s => s.Failure) });
        var retire = notWarm.Next(scale).Next(mark).Next(notify).Next(new Succeed(scope, "PreviousRetired"));
        read.Next(phase.ColorHasWeight("PreviousStillIdle", P(s => s.RetirePrevious.Color), P(s => s.Weights), 0, retire, release.Next(skipped)));
        return wait.Next(lockIt).Next(read);
    }
}
