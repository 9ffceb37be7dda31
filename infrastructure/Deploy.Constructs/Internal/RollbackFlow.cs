using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.StateTable;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The Rollback flow (a Standard state machine), started by the alarm rule or by an operator.
/// One read of the state item, one Choice that decides, one ModifyRule that restores: no Lambda, and the
/// weights are back one state after the decision (two during a deployment, which is stopped first) — whenever the record
/// vouches for the color it restores (the live color during a deployment, a warm previous color after one). A color the
/// record cannot vouch for as warm is verified first (see the remarks).
/// </summary>
/// <remarks>
/// <para>Input from the alarm rule: <c>{ "trigger": "alarm", "alarmName", "reason", "detectedAt" }</c>; from an
/// operator: <c>{ "trigger": "operator", "reason" }</c>.</para>
/// <para>Decision, from the state item (lock, live and previous colors, whether the previous is warm):</para>
/// <list type="bullet">
/// <item>A Deploy execution holds the lock and the alarm is the new (deploying) color's before its first traffic step (the
/// state item has no <c>shiftIndex</c> yet): the color takes no traffic, and while its instances boot their targets fail
/// their first health checks, so its HealthyHosts alarm may enter ALARM on every deployment of a slow-starting application.
/// Nothing to restore and nothing to stop: succeed with <c>restored: false</c>; the deployment's health polls decide. (A
/// stop would abort every such deployment; the probe before traffic ignores the alarm for the same reason.)</item>
/// <item>A deployment holds the lock and the alarm is the new (not yet recorded live) color's once its first traffic step
/// has begun (or the holder is not a Deploy execution), or an operator asks: stop the deployment (StopExecution, error <c>Deploy.RollbackRequested</c>: none of its traffic steps can land
/// after the restore), put 100 % back on the recorded live color and signal it on the state item; the stopped
/// deployment's Recovery scales the new color in, releases the lock and notifies once (<c>DeploymentAborted</c>). When the
/// lock holder is not a Deploy execution, the restore and the signal only.</item>
/// <item>No deployment running, the alarm is the live color's (or an operator asks) and the previous color is
/// warm: 100 % to the previous color, notify, revert and scale down the failed color, record, and fail with
/// <c>Deploy.RolledBack</c>.</item>
/// <item>No deployment running, the previous color not warm, and the alarm is the other color's — the one a failed
/// rollback left the traffic on — (or an operator asks): the rule's weights decide. When they are off the recorded live color — a failed rollback left traffic
/// on the failed color, or split — the recorded live color (the last verified one) is restored if it still serves: this
/// execution takes the lock, its group is pinned to the recorded launch-template version (<c>liveLaunchTemplateVersion</c>,
/// else the group's own), at least one instance is InService and Healthy on that version and none InService on another,
/// and a HealthProbe before traffic is Healthy. Then 100 % goes back to it (read back), the failed color is reverted
/// (when the record holds its revert) and scaled in, and the record says the restored color is live with nothing warm
/// behind it — the same cleanup as after a warm restore.</item>
/// <item>Anything else (the previous color was retired, the alarm is the idle color's, nothing recorded, traffic already all
/// on the live color, or the color to restore failed a check): no flip to a cold or unverified fleet — notify and record,
/// and succeed with <c>restored: false</c> and the reason. A check that fails for good (the recorded live color's group has
/// no instance, or its probe says Unhealthy) also removes <c>liveColor</c> (and its versions) from the record: no color is
/// known to serve, and a deployment then goes by the weights instead of refusing (<c>Deploy.TrafficOnUnverifiedColor</c>).</item>
/// </list>
/// <para>After a warm restore the record drops <c>liveVersion</c> and <c>liveLaunchTemplateVersion</c>: they were the failed
/// color's, and a later verified restore of the restored color checks it against its group's own version instead.</para>
/// <para>A restore that fails (ModifyRule refused, or the rule read back not at 100 %) ends <c>Deploy.RollbackFailed</c>,
/// notified. After a deployment it records <c>rollbackFailedBy</c>, so the retire step keeps the warm previous color for
/// the operator's next rollback. During one, a Deploy holder was stopped before the restore, and its Recovery puts
/// traffic back on the recorded live color; the rollback signal is still set, for a holder the stop did not end (the stop
/// failed, or the holder is not a Deploy execution), which then never moves traffic to the new color again.</para>
/// </remarks>
internal sealed class RollbackFlow
{
    private readonly Construct _scope;
    private readonly FlowContext _context;
    private readonly BlueGreenFleet _fleet;
    private readonly Dictionary<FleetColor, (IChainable TakeLock, IChainable LockHeld)> _afterRestore = new();

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

        var trafficReached = Condition.IsPresent($"$.state.Item.{TrafficStepMarker}.N");
        var decide = new Choice(_scope, "DecideRollback", new ChoiceProps { Comment = "Detection: the one decision before the weights are restored." });
        foreach (var color in new[] { FleetColor.Blue, FleetColor.Green })
        {
            var name = FlowContext.Name(color);
            var other = FlowContext.Other(color);

            // During a deployment: the deployment is stopped (so none of its traffic steps can land after the restore), the
            // live color (still the recorded one) is restored, and the deployment's Recovery finishes the job. When the lock
            // is not a deployment's (a Recovery's, a Rollback's cleanup), the restore and the signal only.
            // An alarm of the deploying color stops a Deploy holder only once traffic may reach that color (its first traffic
            // step has begun): before that the color boots — targets fail their first health checks while the application
            // starts, so its HealthyHosts alarm may well enter ALARM — and the deployment's own health checks decide.
            var alarmActs = Condition.And(Is("$.alarmName", _context.CompositeName(other)),
                Condition.Or(Condition.Not(DeploymentHoldsLock), trafficReached));
            var duringDeployment = Condition.And(locked, Is("$.state.Item.liveColor.S", name), Condition.Or(operatorAsks, alarmActs));
            var restoreLive = Restore(color, duringDeployment: true);
            decide.When(Condition.And(duringDeployment, DeploymentHoldsLock), StopDeployment(color, restoreLive));
            decide.When(duringDeployment, restoreLive);

            // After a deployment: the previous color, still warm, takes the traffic back from the failed live one.
            decide.When(Condition.And(Condition.Not(locked), previousWarm, Is("$.state.Item.previousColor.S", name),
                    Is("$.state.Item.liveColor.S", FlowContext.Name(other)),
                    Condition.Or(operatorAsks, Is("$.alarmName", _context.CompositeName(other)))),
                Restore(color, duringDeployment: false));
        }

        foreach (var color in new[] { FleetColor.Blue, FleetColor.Green })
        {
            // After a failed rollback (or anything that left the weights off the record): the weights decide, and the
            // recorded live color is restored only once it is verified.
            decide.When(Condition.And(Condition.Not(locked), Condition.Not(previousWarm), Is("$.state.Item.liveColor.S", FlowContext.Name(color)),
                    Condition.Or(operatorAsks, Is("$.alarmName", _context.CompositeName(FlowContext.Other(color))))),
                RestoreLastVerified(color, notRestored));
        }

        // The deploying color's alarm before any traffic step: nothing to restore (all traffic is on the live color) and nothing
        // to stop; recorded in this execution's output only (the composite alarm's own actions report its state changes).
        var deployingAlarm = Condition.Or(
            Condition.And(Is("$.state.Item.liveColor.S", "blue"), Is("$.alarmName", _context.CompositeName(FleetColor.Green))),
            Condition.And(Is("$.state.Item.liveColor.S", "green"), Is("$.alarmName", _context.CompositeName(FleetColor.Blue))));
        decide.When(Condition.And(locked, DeploymentHoldsLock, Condition.Not(trafficReached), Is("$.trigger", "alarm"), deployingAlarm),
            new Pass(_scope, "DeployingColorTakesNoTraffic", new PassProps
            {
                Parameters = new Dictionary<string, object>
                {
                    ["restored"] = false,
                    ["reason"] = "The alarm is the deploying color's, which takes no traffic yet (its first traffic step has not begun): "
                        + "nothing to restore, and the deployment's own health checks decide whether it goes on.",
                    ["alarmName.$"] = "$.alarmName",
                    ["deployment.$"] = "$.state.Item.lockedBy.S",
                },
            }).Next(new Succeed(_scope, "LeftToDeployment")));

        return read.Next(decide.Otherwise(notRestored));
    }

    private IChainable Restore(FleetColor color, bool duringDeployment)
    {
        var suffix = $"{color}{(duringDeployment ? "DuringDeployment" : string.Empty)}";
        var failed = BuildRestoreFailed(suffix, duringDeployment);
        var next = duringDeployment ? BuildSignal(color) : AfterRestore(color).TakeLock;
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
    /// Restores the recorded live color <paramref name="live"/> when the weights are off it, and only once it is verified: the
    /// rule read, the lock taken (so no deployment starts meanwhile), the group pinned to the recorded
    /// version with at least one InService, Healthy instance on it and none InService on another, and a HealthProbe before
    /// traffic Healthy. Every refusal releases the lock (the two that hold for good, no instance and Unhealthy, in a write that
    /// also removes the live color from the record) and ends in <paramref name="notRestored"/> with <c>$.skipped.reason</c>.
    /// The verdict's Choice (<c>RestoreTargetHealthy&lt;color&gt;</c>) is the decision: the ModifyRule follows it directly.
    /// </summary>
    private IChainable RestoreLastVerified(FleetColor live, IChainable notRestored)
    {
        var name = FlowContext.Name(live);
        var suffix = $"Live{live}";
        var failedWithoutLock = BuildRestoreFailed(suffix, duringDeployment: false);
        var failed = FlowTasks.BestEffort(ReleaseLock(_scope, $"ReleaseLockRestoreFailed{live}", _context), failedWithoutLock);

        var release = ReleaseLock(_scope, $"ReleaseLockNotRestored{live}", _context);
        FlowTasks.BestEffort(release, notRestored);
        // A check that fails for good (the group has no instance, the probe says Unhealthy) means no color is known to serve:
        // the record stops naming this one live, so a deployment of a fixed version goes by the weights (it would otherwise
        // refuse, Deploy.TrafficOnUnverifiedColor, to keep this color). Checks that may pass later (a version mismatch, no
        // instance serving yet, a Pending verdict) keep the record: roll back again.
        var forget = Update(_scope, $"{FlowStateNames.Rollback.ForgetLiveColor}{live}", _context, ReleaseClause + ", liveColor, liveVersion, liveLaunchTemplateVersion",
            "lockedBy = :me AND liveColor = :live",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":me"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.Execution.Id")),
                [":live"] = DynamoAttributeValue.FromString(name),
            }, JsonPath.DISCARD, DynamoReturnValues.NONE);
        FlowTasks.CatchAll(forget, release, "$.forgetFailure");
        forget.Next(notRestored);
        Pass Skip(string id, string? reason, string? reasonPath = null, IChainable? next = null)
        {
            var pass = new Pass(_scope, id, new PassProps
            {
                Parameters = new Dictionary<string, object> { [reasonPath is null ? "reason" : "reason.$"] = reasonPath ?? reason! },
                ResultPath = "$.skipped",
            });
            pass.Next(next ?? release);
            return pass;
        }

        var read = RuleWeights.Read(_scope, $"ReadWeightsBeforeRestoring{live}", _fleet, "$.weights");
        FlowTasks.CatchAll(read, failedWithoutLock, "$.failure");

        // The lock, on the condition that the record still names this color live (nothing changed since the read).
        var lockIt = AcquireLock(_scope, $"LockToRestore{live}", _context, JsonPath.DISCARD, "liveColor = :live",
            new Dictionary<string, DynamoAttributeValue> { [":live"] = DynamoAttributeValue.FromString(name) });
        lockIt.AddCatch(Skip($"LockTakenMeanwhile{live}",
                "A deployment or another rollback took the lock (or the record changed) meanwhile; traffic is left to it.", next: notRestored),
            new CatchProps { Errors = new[] { LockHeldError }, ResultPath = "$.lockError" });
        FlowTasks.CatchAll(lockIt, failedWithoutLock, "$.failure");

        var describe = FlowSteps.DescribeGroupNamed(_scope, $"DescribeRestoreTarget{live}", _fleet.Group(live).AutoScalingGroupName, "$.target");
        FlowTasks.CatchAll(describe, failed, "$.failure");

        // The version the color must run: the one recorded when it became live, else the one its group is pinned to (a color
        // that never had a deployment of its own since the record began).
        var recordedVersion = new Pass(_scope, $"RecordedVersionOf{live}", new PassProps
        {
            Parameters = new Dictionary<string, object> { ["version.$"] = "$.state.Item.liveLaunchTemplateVersion.N" },
            ResultPath = "$.expected",
        });
        var pinnedVersion = new Pass(_scope, $"PinnedVersionOf{live}", new PassProps
        {
            Parameters = new Dictionary<string, object> { ["version.$"] = "$.target.group.LaunchTemplate.Version" },
            ResultPath = "$.expected",
        });

        // Each instance, by the DescribeAutoScalingGroups Instance members (LifecycleState, HealthStatus, LaunchTemplate.Version).
        var onVersion = Condition.And(Condition.IsPresent("$.instance.LaunchTemplate.Version"),
            Condition.StringEqualsJsonPath("$.instance.LaunchTemplate.Version", "$.version"));
        var inService = Condition.StringEquals("$.instance.LifecycleState", "InService");
        Pass Verdict(string id, string value) => new(_scope, id, new PassProps { Result = Result.FromString(value) });
        var perInstance = new Choice(_scope, $"InstanceServes{live}")
            .When(Condition.And(inService, onVersion, Condition.StringEquals("$.instance.HealthStatus", "Healthy")), Verdict($"InstanceServing{live}", "serving"))
            .When(Condition.And(inService, Condition.Not(onVersion)), Verdict($"InstanceOnOtherVersion{live}", "otherVersion"))
            .Otherwise(Verdict($"InstanceNotServing{live}", "notServing"));
        var instances = new Map(_scope, $"CheckInstancesOf{live}", new MapProps
        {
            Comment = "Without a Lambda and without JSONPath filters (the linters refuse them): one verdict per instance.",
            ItemsPath = "$.target.group.Instances",
            ItemSelector = new Dictionary<string, object>
            {
                ["instance.$"] = "$$.Map.Item.Value",
                ["version.$"] = "$.expected.version",
            },
            ResultPath = "$.instances",
        });
        instances.ItemProcessor(perInstance);
        var tally = new Pass(_scope, $"TallyInstancesOf{live}", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                ["serving.$"] = "States.ArrayContains($.instances, 'serving')",
                ["otherVersion.$"] = "States.ArrayContains($.instances, 'otherVersion')",
            },
            ResultPath = "$.tally",
        });

        var probe = FlowSteps.Probe(_scope, $"ProbeRestoreTarget{live}", _context, "$.state.Item.liveColor.S", "BeforeTraffic", "$.verdict",
            expectedTargetsPath: "$.target.group.DesiredCapacity");
        FlowTasks.CatchAll(probe, failed, "$.failure");
        var restore = RuleWeights.RestoreVerified(_scope, suffix, _fleet, live,
            $"100% back on {name}, the last verified color: checked, so the first action after the verdict.", AfterRestore(live).LockHeld, failed);

        var pinned = Condition.And(Condition.IsPresent("$.target.group.LaunchTemplate.Version"), Condition.IsPresent("$.target.group.Instances[0]"));
        var pinnedAsRecorded = Condition.StringEqualsJsonPath("$.target.group.LaunchTemplate.Version", "$.expected.version");
        var serves = Condition.And(Condition.BooleanEquals("$.tally.serving", true), Condition.BooleanEquals("$.tally.otherVersion", false));

        var checkPinned = new Choice(_scope, $"PinnedToRecordedVersion{live}")
            .When(pinnedAsRecorded, instances)
            .Otherwise(Skip($"PinnedElsewhere{live}", null,
                $"States.Format('The {name} group is pinned to launch-template version {{}}, not the recorded {{}}: no flip to it.', $.target.group.LaunchTemplate.Version, $.expected.version)"));
        recordedVersion.Next(checkPinned);
        pinnedVersion.Next(checkPinned);
        instances.Next(tally).Next(new Choice(_scope, $"InstancesServe{live}")
            .When(serves, probe)
            .Otherwise(Skip($"NoServingInstance{live}",
                $"The {name} group has no InService, Healthy instance on its recorded launch-template version (or some run another version): no flip to it.")));
        const string forgotten = " The record no longer names it live: deploy a fixed version.";
        probe.Next(new Choice(_scope, $"{FlowStateNames.Rollback.RestoreTargetHealthy}{live}", new ChoiceProps { Comment = "The decision: the next state is the ModifyRule." })
            .When(Condition.StringEquals("$.verdict.status", "Healthy"), restore)
            .When(Condition.StringEquals("$.verdict.status", "Pending"), Skip($"NotHealthyYet{live}", null,
                $"States.Format('{name} is not Healthy before traffic yet ({{}}): {{}}. Roll back again later.', $.verdict.status, States.JsonToString($.verdict.reasons))"))
            .Otherwise(Skip($"NotHealthy{live}", null,
                $"States.Format('{name} is not Healthy before traffic ({{}}): {{}}.{forgotten}', $.verdict.status, States.JsonToString($.verdict.reasons))", forget)));

        describe.Next(new Choice(_scope, $"HasInstances{live}")
            .When(Condition.And(pinned, Condition.IsPresent("$.state.Item.liveLaunchTemplateVersion.N")), recordedVersion)
            .When(pinned, pinnedVersion)
            .When(Condition.IsPresent("$.target.group.Instances[0]"), Skip($"NoLaunchTemplate{live}",
                $"The {name} group has instances but no launch template (changed outside the pipeline): no flip to it."))
            .Otherwise(Skip($"NoInstances{live}", $"The {name} group has no instance: no flip to a cold fleet.{forgotten}", next: forget)));

        read.Next(new Choice(_scope, $"TrafficOff{live}", new ChoiceProps { Comment = $"Off {name}, the recorded live color: restore it if it still serves." })
            .When(RuleWeights.HasWeight("$.weights", _fleet, live, 100), new Pass(_scope, $"AlreadyOn{live}", new PassProps
            {
                Parameters = new Dictionary<string, object>
                {
                    ["reason"] = $"All traffic is on {name}, the recorded live color, and no previous color is warm: nothing to restore.",
                },
                ResultPath = "$.skipped",
            }).Next(notRestored))
            .Otherwise(lockIt.Next(describe)));
        return read;
    }

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
        var signal = SignalHolder($"SignalRollbackToDeployment{color}");
        // The lock was released or changed hands meanwhile (the deployment ended, its Recovery took over): nothing to tell;
        // traffic is restored either way.
        signal.AddCatch(handedOver, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = "$.signalFailure" });
        return signal.Next(handedOver);
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
            [":me"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.Execution.Id")),
        };
        const string setColors = "SET liveColor = :live, previousColor = :failed, previousWarm = :false ";
        const string releaseCondition = "attribute_not_exists(lockedBy) OR lockedBy = :me";
        // The verified restore restored the recorded live color: its recorded versions stay true.
        var record = Update(_scope, $"{FlowStateNames.Rollback.RecordRestored}{restored}", _context, setColors + ReleaseClause, releaseCondition, colors,
            JsonPath.DISCARD, DynamoReturnValues.NONE);
        // A warm restore brought the previous color back: the live versions on record are the failed color's, so they go (a
        // later verified restore of this color then checks it against its group's own launch-template version).
        var recordWarm = Update(_scope, $"{FlowStateNames.Rollback.RecordRestored}Warm{restored}", _context,
            setColors + ReleaseClause + ", liveVersion, liveLaunchTemplateVersion", releaseCondition, colors, JsonPath.DISCARD, DynamoReturnValues.NONE);
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
        recordWarm.AddCatch(release, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = "$.cleanupFailure" });

        decide.Next(new Choice(_scope, $"RevertNeeded{restored}")
            .When(Condition.And(Condition.IsNull("$.revert.error"), Condition.StringEquals("$.revert.action", "Revert")), apply.Next(scaleDown))
            .When(Condition.IsNull("$.revert.error"), scaleDown)
            .Otherwise(release));
        scaleDown.Next(metrics).Next(release);
        release.Next(rolledBack);
        describe.Next(decide);

        // The revert the record holds is for one group (revertGroup): the failed color's after a deployment that made it live,
        // or after a deployment onto it whose rollback failed. Without one for this group the failed color is only scaled in.
        var revertRecorded = Condition.And(
            Is("$.state.Item.revertGroup.S", failedGroup),
            Condition.IsPresent("$.state.Item.revertLaunchTemplateVersion.S"),
            Condition.IsPresent("$.state.Item.revertMinSize.N"),
            Condition.IsPresent("$.state.Item.revertMaxSize.N"),
            Condition.IsPresent("$.state.Item.revertDesiredCapacity.N"));
        var cleanup = new Choice(_scope, $"RevertRecordedFor{failedColor}Group")
            .When(revertRecorded, describe)
            .Otherwise(scaleDown);
        var afterRecord = FlowTasks.BestEffort(notify, cleanup);
        record.Next(afterRecord);
        recordWarm.Next(afterRecord);
        return (lockIt.Next(recordWarm), record);
    }

    /// <summary>
    /// A restore that failed: during a deployment the rollback signal is still set (a holder the stop did not end then never
    /// moves traffic to the new color again and rolls back itself; a stopped one has its Recovery); after one, <see cref="RollbackFailedMarker"/> is recorded so the retire step
    /// keeps the warm previous color for the next rollback. Both best effort; then notify and fail <c>Deploy.RollbackFailed</c>.
    /// </summary>
    private IChainable BuildRestoreFailed(string suffix, bool duringDeployment)
    {
        var fail = FlowTasks.BestEffort(
            Notifications.Publish(_scope, $"NotifyRollbackFailed{suffix}", _context, "RollbackFailed", "Rollback FAILED: traffic not restored", "$.failure"),
            new Fail(_scope, $"RollbackFailed{suffix}", new FailProps
            {
                Error = DeployErrors.RollbackFailed,
                CausePath = "States.Format('The listener rule could not be restored: {}: {}. Traffic may still be on the failed color: act now.', $.failure.Error, $.failure.Cause)",
            }));
        var me = new Dictionary<string, DynamoAttributeValue>
        {
            [":me"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.Execution.Id")),
        };
        var mark = duringDeployment
            ? SignalHolder($"SignalFailedRollback{suffix}")
            : Update(_scope, $"MarkRollbackFailed{suffix}", _context, $"SET {RollbackFailedMarker} = :me", null, me, JsonPath.DISCARD, DynamoReturnValues.NONE);
        return FlowTasks.BestEffort(mark, fail);
    }

    /// <summary>
    /// Sets the rollback signal on the lock of the holder this execution read, only while that holder still has it: once a
    /// stopped deployment's Recovery released the lock, a deployment that took it since must not roll back for a request
    /// made before it started. The holder's ARN is on every path that gets here (the decision required the lock), so the
    /// write never fails on a missing input field.
    /// </summary>
    private DynamoUpdateItem SignalHolder(string id) =>
        Update(_scope, id, _context, $"SET {RollbackSignal} = :me", "lockedBy = :holder",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":me"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.Execution.Id")),
                [":holder"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.state.Item.lockedBy.S")),
            }, JsonPath.DISCARD, DynamoReturnValues.NONE);

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
            "Rollback: traffic NOT moved (no warm or verified color to restore)", "$");
        // An alarm that enters ALARM again with still nothing to restore is not notified again (until a deployment takes
        // the lock): the first conditional write of its name wins, a repeat fails the condition and skips the message.
        var firstForAlarm = Update(_scope, "RecordSkippedAlarm", _context, $"SET {SkippedAlarm} = :alarm",
            $"attribute_not_exists({SkippedAlarm}) OR {SkippedAlarm} <> :alarm",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":alarm"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.alarmName")),
            }, JsonPath.DISCARD, DynamoReturnValues.NONE);
        var leftAsItIs = new Succeed(_scope, "LeftAsItIs");
        var done = new Choice(_scope, "NotRestored", new ChoiceProps
        {
            Comment = "The previous color was retired, the alarm is the idle color's, nothing is recorded, or the color to restore failed a check: never flip to a cold or unverified fleet.",
        })
            .When(Condition.IsPresent("$.skipped.reason"), new Pass(_scope, "NotRestoredBecause", new PassProps
            {
                Parameters = new Dictionary<string, object> { ["restored"] = false, ["reason.$"] = "$.skipped.reason" },
            }).Next(leftAsItIs))
            .Otherwise(new Pass(_scope, "NoWarmPreviousColor", new PassProps
            {
                Parameters = new Dictionary<string, object>
                {
                    ["restored"] = false,
                    ["reason"] = "No warm previous color to restore; traffic left where it is.",
                },
            }).Next(leftAsItIs));
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
