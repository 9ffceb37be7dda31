using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.StateTable;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The Recovery flow (a Standard state machine): started by an EventBridge rule when a Deploy or Rollback execution ends
/// <c>ABORTED</c> (StopExecution), <c>TIMED_OUT</c> (the state machine's timeout) or <c>FAILED</c>, none of which runs the
/// ended execution's Catch paths when it is stopped from outside. It puts back what such an execution may leave behind:
/// the lock held by it, traffic split or on a color that was never verified.
/// </summary>
/// <remarks>
/// <para>Input: the EventBridge event "Step Functions Execution Status Change" (<c>detail.executionArn</c>,
/// <c>detail.stateMachineArn</c>, <c>detail.status</c>; Step Functions user guide, "Automating Step Functions event
/// delivery with EventBridge").</para>
/// <para>Decision, from the state item and the rule's weights:</para>
/// <list type="bullet">
/// <item>Another execution holds the lock: it is running (or its own end starts its own recovery) — nothing is touched.</item>
/// <item>The lock is free and 100 % of traffic is on the recorded live color: nothing is wrong — nothing is written, no
/// message (every failed deployment that cleaned up after itself ends here).</item>
/// <item>Otherwise the recovery puts 100 % on the recorded live color first (one ModifyRule, read back) — or, when the
/// ended execution was a Rollback that had already restored the recorded previous color, keeps that one — then takes
/// the lock over (only from the ended execution, or when free), scales the unverified color in, records the colors (nothing
/// warm behind the live one), releases the lock, marks the ended deployment's record and notifies once:
/// <c>DeploymentAborted</c> for a stopped or timed-out deployment, <c>Recovered</c> otherwise.</item>
/// </list>
/// <para>Idempotent: a second delivery of the same event finds nothing wrong.</para>
/// </remarks>
internal sealed class RecoveryFlow
{
    private static readonly string EndedArn = P(s => s.Detail.ExecutionArn);
    private static readonly string EndedStatus = P(s => s.Detail.Status);
    private static readonly string EndedMachine = P(s => s.Detail.StateMachineArn);

    private static string P(System.Linq.Expressions.Expression<Func<RecoveryState, object?>> member) => RecoveryState.Path(member);

    private readonly Construct _scope;
    private readonly FlowContext _context;
    private readonly BlueGreenFleet _fleet;
    private readonly string _deployArn;
    private readonly string _rollbackArn;

    private RecoveryFlow(Construct scope, FlowContext context, string deployArn, string rollbackArn)
    {
        _scope = scope;
        _context = context;
        _fleet = context.Fleet;
        _deployArn = deployArn;
        _rollbackArn = rollbackArn;
    }

    /// <summary>The flow; <paramref name="deployArn"/> and <paramref name="rollbackArn"/> are the machines whose executions it recovers.</summary>
    public static IChainable Build(Construct scope, FlowContext context, string deployArn, string rollbackArn) =>
        new RecoveryFlow(scope, context, deployArn, rollbackArn).Start();

    private static Condition Is(string path, string value) => Condition.And(Condition.IsPresent(path), Condition.StringEquals(path, value));

    private static Condition Live(FleetColor color) => Is(P(s => s.State.Item.LiveColor.S), FlowContext.Name(color));

    private Condition At100(FleetColor color) => RuleWeights.HasWeight(P(s => s.Weights), _fleet, color, 100);

    /// <summary>A Rollback restores the previous color only while it is warm: a previous color that is not (the failed one, after a
    /// failed rollback) is never kept for a restored one.</summary>
    private static Condition PreviousWarm => Condition.And(Condition.IsPresent(P(s => s.State.Item.PreviousWarm.BOOL)),
        Condition.BooleanEquals(P(s => s.State.Item.PreviousWarm.BOOL), true));

    private Condition EndedRollback => Condition.StringEquals(EndedMachine, _rollbackArn);

    private IChainable Start()
    {
        var nothing = new Succeed(_scope, "NothingToRecover", new SucceedProps
        {
            Comment = "A running execution holds the lock, or the lock is free and traffic is all on the recorded live color.",
        });
        var failed = BuildFailed();

        // A deployment stopped before it changed anything (or after another execution took over) leaves nothing behind, but
        // whoever stopped it is still told, once; a failed execution that cleaned up after itself has notified already.
        var stoppedDeployment = Condition.And(Condition.StringEquals(EndedMachine, _deployArn),
            Condition.Or(Condition.StringEquals(EndedStatus, "ABORTED"), Condition.StringEquals(EndedStatus, "TIMED_OUT")));
        var nothingLeft = new Choice(_scope, "NothingLeftBehind")
            .When(stoppedDeployment, FlowTasks.BestEffort(Notifications.Publish(_scope, FlowStateNames.Recovery.NotifyDeploymentAborted + "NothingLeft", _context,
                "DeploymentAborted", "Deployment stopped: nothing was left behind", P(s => s.Detail)), nothing))
            .Otherwise(nothing);

        // Every step up to the restored weights and the released lock retries every error but the permanent ones: the
        // recovery is the last thing that runs after a stopped execution, and nothing retries it.
        var read = ReadState(_scope, "ReadState", _context, P(s => s.State), persistentRetries: true);
        FlowTasks.CatchAll(read, failed, P(s => s.Failure));
        var readWeights = RuleWeights.Read(_scope, "ReadWeights", _fleet, P(s => s.Weights), persistentRetries: true);
        FlowTasks.CatchAll(readWeights, failed, P(s => s.Failure));

        var locked = Condition.IsPresent(P(s => s.State.Item.LockedBy.S));
        var heldByOther = Condition.And(locked, Condition.Not(Condition.StringEqualsJsonPath(P(s => s.State.Item.LockedBy.S), EndedArn)));
        var recorded = Condition.IsPresent(P(s => s.State.Item.LiveColor.S));
        var allOnLive = Condition.Or(
            Condition.And(Live(FleetColor.Blue), At100(FleetColor.Blue)),
            Condition.And(Live(FleetColor.Green), At100(FleetColor.Green)),
            Condition.And(Condition.Not(recorded), Condition.Or(At100(FleetColor.Blue), At100(FleetColor.Green))));

        var cannotDecide = new Pass(_scope, "NoColorToRestore", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                ["Error"] = DeployErrors.SplitTraffic,
                ["Cause"] = "Traffic is split and no live color is recorded: restore the weights by hand.",
            },
            ResultPath = P(s => s.Failure),
        }).Next(failed);

        var blue = RecoverTo(FleetColor.Blue, nothing, failed);
        var green = RecoverTo(FleetColor.Green, nothing, failed);
        var target = new Choice(_scope, "ColorToRestore", new ChoiceProps
        {
            Comment = "The recorded live color; a Rollback that already restored the recorded warm previous color keeps it.",
        })
            .When(Condition.And(EndedRollback, PreviousWarm, Is(P(s => s.State.Item.PreviousColor.S), "blue"), At100(FleetColor.Blue)), blue)
            .When(Condition.And(EndedRollback, PreviousWarm, Is(P(s => s.State.Item.PreviousColor.S), "green"), At100(FleetColor.Green)), green)
            .When(Live(FleetColor.Blue), blue)
            .When(Live(FleetColor.Green), green)
            .When(At100(FleetColor.Blue), blue)
            .When(At100(FleetColor.Green), green)
            .Otherwise(cannotDecide);

        return read.Next(new Choice(_scope, "LockHeldByAnother")
            .When(heldByOther, nothingLeft)
            .Otherwise(readWeights.Next(new Choice(_scope, "AnythingLeftBehind")
                .When(Condition.And(Condition.Not(locked), allOnLive), nothingLeft)
                .Otherwise(target))));
    }

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
