using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Deploy.Contracts;
using static Deploy.Constructs.Internal.StateTable;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The Rollback flow (a Standard state machine), started by the alarm rule or by an operator.
/// One read of the state item, one Choice that decides, one ModifyRule that restores: no Lambda, and the
/// weights are back one state after the decision (two during a deployment, which is stopped first).
/// </summary>
/// <remarks>
/// <para>Input from the alarm rule: <c>{ "trigger": "alarm", "alarmName", "reason", "detectedAt" }</c>; from an
/// operator: <c>{ "trigger": "operator", "reason" }</c>.</para>
/// <para>Decision, from the state item (lock, live and previous colors, whether the previous is warm):</para>
/// <list type="bullet">
/// <item>A deployment holds the lock and the alarm is the new (not yet recorded live) color's, or an operator
/// asks: stop the deployment (StopExecution, error <c>Deploy.RollbackRequested</c>: none of its traffic steps can land
/// after the restore), put 100 % back on the recorded live color and signal it on the state item; the stopped
/// deployment's Recovery scales the new color in, releases the lock and notifies once (<c>DeploymentAborted</c>). When the
/// lock holder is not a Deploy execution, the restore and the signal only.</item>
/// <item>No deployment running, the alarm is the live color's (or an operator asks) and the previous color is
/// warm: 100 % to the previous color, notify, revert and scale down the failed color, record, and fail with
/// <c>Deploy.RolledBack</c>.</item>
/// <item>Anything else (the previous color was retired, the alarm is the idle color's, nothing recorded): no
/// flip to a cold fleet — notify and record, and succeed with <c>restored: false</c>.</item>
/// </list>
/// </remarks>
internal sealed class RollbackFlow
{
    private readonly Construct _scope;
    private readonly FlowContext _context;
    private readonly BlueGreenFleet _fleet;

    private RollbackFlow(Construct scope, FlowContext context)
    {
        _scope = scope;
        _context = context;
        _fleet = context.Fleet;
    }

    public static IChainable Build(Construct scope, FlowContext context) => new RollbackFlow(scope, context).Start();

    private static Condition Is(string path, string value) => Condition.And(Condition.IsPresent(path), Condition.StringEquals(path, value));

    private IChainable Start()
    {
        var read = ReadState(_scope, "ReadState", _context, "$.state");
        var notRestored = BuildNotRestored();
        read.AddCatch(notRestored, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = "$.failure" });

        var locked = Condition.IsPresent("$.state.Item.lockedBy.S");
        var operatorAsks = Is("$.trigger", "operator");
        var previousWarm = Condition.And(Condition.IsPresent("$.state.Item.previousWarm.BOOL"), Condition.BooleanEquals("$.state.Item.previousWarm.BOOL", true));

        var decide = new Choice(_scope, "DecideRollback", new ChoiceProps { Comment = "Detection: the one decision before the weights are restored." });
        foreach (var color in new[] { FleetColor.Blue, FleetColor.Green })
        {
            var name = FlowContext.Name(color);
            var other = FlowContext.Other(color);

            // During a deployment: the deployment is stopped (so none of its traffic steps can land after the restore), the
            // live color (still the recorded one) is restored, and the deployment's Recovery finishes the job. When the lock
            // is not a deployment's (a Recovery's, a Rollback's cleanup), the restore and the signal only.
            var duringDeployment = Condition.And(locked, Is("$.state.Item.liveColor.S", name),
                Condition.Or(operatorAsks, Is("$.alarmName", _context.CompositeName(other))));
            var restoreLive = Restore(color, duringDeployment: true);
            decide.When(Condition.And(duringDeployment, DeploymentHoldsLock), StopDeployment(color, restoreLive));
            decide.When(duringDeployment, restoreLive);

            // After a deployment: the previous color, still warm, takes the traffic back from the failed live one.
            decide.When(Condition.And(Condition.Not(locked), previousWarm, Is("$.state.Item.previousColor.S", name),
                    Is("$.state.Item.liveColor.S", FlowContext.Name(other)),
                    Condition.Or(operatorAsks, Is("$.alarmName", _context.CompositeName(other)))),
                Restore(color, duringDeployment: false));
        }

        return read.Next(decide.Otherwise(notRestored));
    }

    private IChainable Restore(FleetColor color, bool duringDeployment)
    {
        var suffix = $"{color}{(duringDeployment ? "DuringDeployment" : string.Empty)}";
        var failed = BuildRestoreFailed(suffix);
        var next = duringDeployment ? BuildSignal(color) : BuildAfterRestore(color);
        return RuleWeights.RestoreVerified(_scope, suffix, _fleet, color,
            $"100% back on {FlowContext.Name(color)}: the first action after the decision.", next, failed);
    }

    /// <summary>Whether the lock holder is an execution of the Deploy state machine (not a Recovery or a Rollback's cleanup).</summary>
    private Condition DeploymentHoldsLock =>
        Condition.StringMatches("$.state.Item.lockedBy.S", $"*:execution:{_context.DeployStateMachineName}:*");

    /// <summary>
    /// During a deployment the deployment is stopped first (StopExecution of the lock holder, when it is a Deploy execution),
    /// then traffic is restored: a stopped execution acts no more (Step Functions API reference, StopExecution), so no traffic
    /// step of the deployment can land after the restore and undo it. Its end (ABORTED) starts the Recovery state machine,
    /// which scales the unverified color in, releases the lock and notifies once. A stop that fails (the deployment ended
    /// meanwhile) changes nothing: the restore follows either way.
    /// </summary>
    private State StopDeployment(FleetColor color, IChainable restore)
    {
        var executions = FlowSteps.ExecutionsOf(_scope, _context.DeployStateMachineName);
        var stop = FlowTasks.Aws(_scope, $"StopDeployment{color}", "sfn", "stopExecution", "states:StopExecution", new[] { executions },
            new Dictionary<string, object>
            {
                ["ExecutionArn.$"] = "$.state.Item.lockedBy.S",
                ["Error"] = DeployErrors.RollbackRequested,
                ["Cause.$"] = "States.Format('Rollback requested ({}: {}); stopped by {}, which puts 100% of traffic back on the live color.', $.trigger, $.reason, $$.Execution.Id)",
            },
            resultPath: JsonPath.DISCARD,
            comment: "No traffic step of the deployment can land after the restore.");
        stop.AddCatch(restore, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = "$.stopFailure" });
        stop.Next(restore);
        return stop;
    }

    /// <summary>
    /// After traffic is back during a deployment: tell the deployment (the state item's rollback signal), which then never
    /// moves traffic to the new color again, rolls back and notifies — the failure is handled once. Set after the restore,
    /// so the weights come first; the deployment checks the signal before and after each traffic step.
    /// </summary>
    private IChainable BuildSignal(FleetColor color)
    {
        var handedOver = new Succeed(_scope, $"HandedToDeployment{color}", new SucceedProps
        {
            Comment = "The running deployment sees the rollback signal (and the weights moved back), rolls back and notifies: handled once.",
        });
        // Only values every execution has: a signal must never fail on a missing input field.
        var signal = Update(_scope, $"SignalRollbackToDeployment{color}", _context, $"SET {RollbackSignal} = :me",
            "attribute_exists(lockedBy)",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":me"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.Execution.Id")),
            }, JsonPath.DISCARD, DynamoReturnValues.NONE);
        // The lock was released meanwhile (the deployment ended): nothing to tell; traffic is restored either way.
        signal.AddCatch(handedOver, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = "$.signalFailure" });
        return signal.Next(handedOver);
    }

    private IChainable BuildAfterRestore(FleetColor restored)
    {
        var failedColor = FlowContext.Other(restored);
        var restoredName = FlowContext.Name(restored);
        var failedGroup = _fleet.Group(failedColor).AutoScalingGroupName;

        // Take the lock for the cleanup; the state now says the restored color is live and nothing is warm behind it.
        var lockIt = AcquireLock(_scope, $"LockForCleanup{restored}", _context, JsonPath.DISCARD);
        var record = ReleaseLock(_scope, $"RecordRestored{restored}", _context,
            "liveColor = :live, previousColor = :failed, previousWarm = :false",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":live"] = DynamoAttributeValue.FromString(restoredName),
                [":failed"] = DynamoAttributeValue.FromString(FlowContext.Name(failedColor)),
                [":false"] = DynamoAttributeValue.FromBoolean(false),
            });
        var notify = Notifications.Publish(_scope, $"NotifyRolledBackTo{restored}", _context, "RolledBack", $"Rolled back: 100% on {restoredName}", "$");
        var describe = FlowSteps.DescribeGroupNamed(_scope, $"DescribeFailedGroup{restored}", failedGroup, "$.failedGroup");
        var decide = FlowSteps.DecideRevert(_scope, $"DecideRevert{restored}", _context, new("groupName", failedGroup),
            "$.state.Item.revertLaunchTemplateVersion.S", "States.StringToJson($.state.Item.revertMinSize.N)",
            "States.StringToJson($.state.Item.revertMaxSize.N)", "States.StringToJson($.state.Item.revertDesiredCapacity.N)");
        var apply = FlowSteps.ApplyRevert(_scope, $"ApplyRevert{restored}", _fleet);
        var scaleDown = FlowSteps.UpdateGroup(_scope, $"ScaleDownFailed{restored}", _fleet, new Dictionary<string, object>
        {
            ["AutoScalingGroupName"] = failedGroup,
            ["MinSize"] = 0,
            ["DesiredCapacity"] = 0,
        });
        var metrics = FlowSteps.PutMetrics(_scope, $"CountRolledBack{restored}", _context, ("DeploymentsRolledBack", 1, "Count"));
        var rolledBack = new Fail(_scope, $"RolledBack{restored}", new FailProps
        {
            Error = DeployErrors.RolledBack,
            CausePath = $"States.Format('Rolled back: 100% of traffic is on {restoredName} again. Reason: {{}}', $.reason)",
        });

        // Traffic is safe already; a cleanup failure is recorded in the output and the lock still released.
        var release = ReleaseLock(_scope, $"ReleaseCleanupLock{restored}", _context);
        release.AddCatch(rolledBack, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = "$.cleanupFailure" });
        foreach (var step in new State[] { describe, decide, apply, scaleDown, metrics })
        {
            FlowTasks.CatchAll(step, release, "$.cleanupFailure");
        }

        // Without the lock (a deployment started meanwhile) only notify: the deployment owns the groups now.
        var notifyOnly = Notifications.Publish(_scope, $"NotifyRolledBackNoCleanup{restored}", _context, "RolledBack", $"Rolled back: 100% on {restoredName} (cleanup left to the running deployment)", "$");
        notifyOnly.AddCatch(rolledBack, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = "$.cleanupFailure" });
        notifyOnly.Next(rolledBack);
        lockIt.AddCatch(notifyOnly, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = "$.lockError" });
        record.AddCatch(release, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = "$.cleanupFailure" });

        decide.Next(new Choice(_scope, $"RevertNeeded{restored}")
            .When(Condition.And(Condition.IsNull("$.revert.error"), Condition.StringEquals("$.revert.action", "Revert")), apply.Next(scaleDown))
            .When(Condition.IsNull("$.revert.error"), scaleDown)
            .Otherwise(release));
        scaleDown.Next(metrics).Next(release);
        release.Next(rolledBack);
        describe.Next(decide);
        return lockIt.Next(record).Next(FlowTasks.BestEffort(notify, describe));
    }

    private IChainable BuildRestoreFailed(string suffix) =>
        FlowTasks.BestEffort(
            Notifications.Publish(_scope, $"NotifyRollbackFailed{suffix}", _context, "RollbackFailed", "Rollback FAILED: traffic not restored", "$.failure"),
            new Fail(_scope, $"RollbackFailed{suffix}", new FailProps
            {
                Error = DeployErrors.RollbackFailed,
                CausePath = "States.Format('The listener rule could not be restored: {}: {}. Traffic may still be on the failed color: act now.', $.failure.Error, $.failure.Cause)",
            }));

    private IChainable BuildNotRestored()
    {
        var record = new DynamoPutItem(_scope, "RecordNotRestored", new DynamoPutItemProps
        {
            Table = _context.Table,
            Item = new Dictionary<string, DynamoAttributeValue>
            {
                ["pk"] = DynamoAttributeValue.FromString(_context.PartitionKey),
                ["sk"] = DynamoAttributeValue.FromString(JsonPath.Format("ROLLBACK#{}#{}", JsonPath.StringAt("$$.Execution.StartTime"), JsonPath.StringAt("$$.Execution.Name"))),
                ["status"] = DynamoAttributeValue.FromString("NotRestored"),
                ["trigger"] = Str("$.trigger"),
                ["reason"] = DynamoAttributeValue.FromString(JsonPath.Format("{}", JsonPath.StringAt("$.reason"))),
            },
            ResultPath = JsonPath.DISCARD,
            TaskTimeout = Amazon.CDK.AWS.StepFunctions.Timeout.Duration(FlowTasks.TaskTimeout),
        });
        FlowTasks.WithRetries(record, "dynamodb");
        var notify = Notifications.Publish(_scope, "NotifyNotRestored", _context, "RollbackSkipped",
            "Alarm: traffic NOT moved (no warm previous color)", "$");
        // An alarm that enters ALARM again with still nothing to restore is not notified again (until a deployment takes
        // the lock): the first conditional write of its name wins, a repeat fails the condition and skips the message.
        var firstForAlarm = Update(_scope, "RecordSkippedAlarm", _context, $"SET {SkippedAlarm} = :alarm",
            $"attribute_not_exists({SkippedAlarm}) OR {SkippedAlarm} <> :alarm",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":alarm"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.alarmName")),
            }, JsonPath.DISCARD, DynamoReturnValues.NONE);
        var done = new Pass(_scope, "NotRestored", new PassProps
        {
            Comment = "The previous color was retired, the alarm is the idle color's, or nothing is recorded: never flip to a cold fleet.",
            Parameters = new Dictionary<string, object>
            {
                ["restored"] = false,
                ["reason"] = "No warm previous color to restore; traffic left where it is.",
            },
        }).Next(new Succeed(_scope, "LeftAsItIs"));
        notify.AddCatch(done, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = "$.notifyFailure" });
        notify.Next(done);
        firstForAlarm.AddCatch(done, new CatchProps { Errors = new[] { ConditionFailedError }, ResultPath = "$.alreadyNotified" });
        firstForAlarm.AddCatch(notify, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = "$.recordFailure" });
        firstForAlarm.Next(notify);
        var notifyOnce = new Choice(_scope, "NotifiedForThisAlarm")
            .When(Condition.And(Is("$.trigger", "alarm"), Condition.IsPresent("$.alarmName")), firstForAlarm)
            .Otherwise(notify);
        record.AddCatch(notifyOnce, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = "$.recordFailure" });
        return record.Next(notifyOnce);
    }
}
