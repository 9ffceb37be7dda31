using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.StateTable;

namespace Deploy.Constructs.Internal;

/// <summary>The Recovery flow's restore of one color, its end and its failure.</summary>
internal sealed partial class RecoveryFlow
{
    private IChainable RecoverTo(FleetColor color, IChainable nothing, IChainable failed)
    {
        var name = FlowContext.Name(color);
        var other = FlowContext.Other(color);
        var otherName = FlowContext.Name(other);

        // Traffic first, then the lock: take it over from the ended execution (or while free), so no deployment starts
        // while the rest is put back. Restoring before holding the lock is safe: the ended execution acts no more, and a
        // deployment that took a free lock meanwhile moves traffic only after its grace period.
        var takeOver = Update(_scope, $"TakeOverLock{color}", _context, new StateUpdate($"SET lockedBy = :me REMOVE {RollbackSignal}",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":me"] = ExecutionId(),
                [":ended"] = Str(EndedArn),
            })
        {
            Condition = "attribute_not_exists(lockedBy) OR lockedBy = :ended",
            PersistentRetries = true,
        });
        // A deployment took the lock meanwhile: it owns the environment now.
        takeOver.AddCatch(nothing, new CatchProps { Errors = new[] { LockHeldError }, ResultPath = P(s => s.LockError) });
        FlowTasks.CatchAll(takeOver, failed, P(s => s.Failure));

        var summary = new Pass(_scope, $"RecoveredTo{color}", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                [StatePath.Name<RecoveryOutcome>(r => r.EndedExecution) + ".$"] = EndedArn,
                [StatePath.Name<RecoveryOutcome>(r => r.Status) + ".$"] = EndedStatus,
                [StatePath.Name<RecoveryOutcome>(r => r.LiveColor)] = name,
            },
            ResultPath = P(s => s.Recovery),
        });

        // Nothing is trusted as warm behind the live color after an execution was stopped part-way.
        var record = ReleaseLock(_scope, $"{FlowStateNames.Recovery.RecordColors}{color}", _context,
            "liveColor = :live, previousColor = :other, previousWarm = :false",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":live"] = DynamoAttributeValue.FromString(name),
                [":other"] = DynamoAttributeValue.FromString(otherName),
                [":false"] = DynamoAttributeValue.FromBoolean(false),
            }, persistentRetries: true);
        FlowTasks.CatchAll(record, failed, P(s => s.Failure));

        var scaleIn = FlowSteps.UpdateGroup(_scope, $"ScaleIn{other}", _fleet, new Dictionary<string, object>
        {
            ["AutoScalingGroupName"] = _fleet.Group(other).AutoScalingGroupName,
            ["MinSize"] = 0,
            ["DesiredCapacity"] = 0,
        }, $"{otherName} was being deployed (or had failed) and never verified: no instance of it stays.");
        var unverified = Condition.Or(
            Is(P(s => s.State.Item.DeployingColor.S), otherName),
            Condition.And(EndedRollback, Is(P(s => s.State.Item.LiveColor.S), otherName)));

        summary.Next(new Choice(_scope, $"Unverified{other}")
            .When(unverified, FlowTasks.BestEffort(scaleIn, record))
            .Otherwise(record));
        record.Next(BuildFinish(color));
        return RuleWeights.RestoreVerified(_scope, color.ToString(), _fleet, color,
            $"100% on {name}: traffic first, before anything else is put back.", takeOver.Next(summary), failed, persistentReadBack: true);
    }

    /// <summary>Marks the ended deployment's record (when it had one) and notifies once.</summary>
    private IChainable BuildFinish(FleetColor color)
    {
        var done = new Succeed(_scope, $"Recovered{color}");
        var aborted = Notifications.Publish(_scope, $"{FlowStateNames.Recovery.NotifyDeploymentAborted}{color}", _context, "DeploymentAborted",
            $"Deployment stopped: recovered, 100% on {FlowContext.Name(color)}", P(s => s.Recovery));
        var recovered = Notifications.Publish(_scope, $"NotifyRecovered{color}", _context, "Recovered",
            $"Recovered after a failed run: 100% on {FlowContext.Name(color)}", P(s => s.Recovery));
        var notify = new Choice(_scope, $"HowItEnded{color}")
            .When(Condition.And(Condition.StringEquals(EndedMachine, _deployArn),
                    Condition.Or(Condition.StringEquals(EndedStatus, "ABORTED"), Condition.StringEquals(EndedStatus, "TIMED_OUT"))),
                FlowTasks.BestEffort(aborted, done))
            .Otherwise(FlowTasks.BestEffort(recovered, done));

        var mark = Update(_scope, $"MarkRecordStopped{color}", _context, new StateUpdate("SET #s = :status, recoveredBy = :me",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":status"] = Str(EndedStatus),
                [":me"] = ExecutionId(),
            })
        {
            Condition = "attribute_exists(pk)",
            Key = new Dictionary<string, DynamoAttributeValue>
            {
                ["pk"] = DynamoAttributeValue.FromString(_context.PartitionKey),
                ["sk"] = Str(P(s => s.State.Item.DeploymentRecord.S)),
            },
            Names = new() { ["#s"] = "status" },
        });
        return new Choice(_scope, $"HasRecord{color}")
            .When(Condition.IsPresent(P(s => s.State.Item.DeploymentRecord.S)), FlowTasks.BestEffort(mark, notify))
            .Otherwise(notify);
    }

    private IChainable BuildFailed()
    {
        var fail = new Fail(_scope, "RecoveryFailed", new FailProps
        {
            Error = DeployErrors.RecoveryFailed,
            CausePath = $"States.Format('Recovery of {{}} could not put traffic back: {{}}: {{}}. Check the listener rule now.', {EndedArn}, {P(s => s.Failure.Error)}, {P(s => s.Failure.Cause)})",
        });
        // The lock goes with the failure: a later deployment repairs a split to the recorded live color before anything else.
        // Whoever of the two holds it (the recovery may have failed before it took the lock over); never another's.
        var release = FlowTasks.BestEffort(Update(_scope, "ReleaseLockAfterFailedRecovery", _context,
            new StateUpdate(ReleaseClause, new Dictionary<string, DynamoAttributeValue>
            {
                [":me"] = ExecutionId(),
                [":ended"] = Str(EndedArn),
            })
            {
                Condition = "attribute_not_exists(lockedBy) OR lockedBy = :me OR lockedBy = :ended",
                PersistentRetries = true,
            }), fail);
        return FlowTasks.BestEffort(
            Notifications.Publish(_scope, FlowStateNames.Recovery.NotifyRecoveryFailed, _context, "RecoveryFailed", "Recovery FAILED: check traffic now", P(s => s.Failure)),
            release);
    }
}
