using System.Linq.Expressions;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.StateTable;

namespace Deploy.Constructs.Internal;

/// <summary>The Rollback flow's verified restore of the recorded live color, when the weights are off it.</summary>
internal sealed partial class RollbackFlow
{
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
        var forget = Update(_scope, $"{FlowStateNames.Rollback.ForgetLiveColor}{live}", _context, new StateUpdate(ReleaseClause + ", liveColor, liveVersion, liveLaunchTemplateVersion",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":me"] = ExecutionId(),
                [":live"] = DynamoAttributeValue.FromString(name),
            })
        {
            Condition = "lockedBy = :me AND liveColor = :live",
        });
        FlowTasks.CatchAll(forget, release, P(s => s.ForgetFailure));
        forget.Next(notRestored);
        Pass Skip(string id, string? reason, string? reasonPath = null, IChainable? next = null)
        {
            var pass = new Pass(_scope, id, new PassProps
            {
                Parameters = new Dictionary<string, object> { [reasonPath is null ? "reason" : "reason.$"] = reasonPath ?? reason! },
                ResultPath = P(s => s.Skipped),
            });
            pass.Next(next ?? release);
            return pass;
        }

        var read = RuleWeights.Read(_scope, $"ReadWeightsBeforeRestoring{live}", _fleet, P(s => s.Weights));
        FlowTasks.CatchAll(read, failedWithoutLock, P(s => s.Failure));

        // The lock, on the condition that the record still names this color live (nothing changed since the read).
        var lockIt = AcquireLock(_scope, $"LockToRestore{live}", _context, JsonPath.DISCARD, "liveColor = :live",
            new Dictionary<string, DynamoAttributeValue> { [":live"] = DynamoAttributeValue.FromString(name) });
        lockIt.AddCatch(Skip($"LockTakenMeanwhile{live}",
                "A deployment or another rollback took the lock (or the record changed) meanwhile; traffic is left to it.", next: notRestored),
            new CatchProps { Errors = new[] { LockHeldError }, ResultPath = P(s => s.LockError) });
        FlowTasks.CatchAll(lockIt, failedWithoutLock, P(s => s.Failure));

        var describe = FlowSteps.DescribeGroup(_scope, $"DescribeRestoreTarget{live}", GroupRef.Named(_fleet.Group(live).AutoScalingGroupName), P(s => s.Target));
        FlowTasks.CatchAll(describe, failed, P(s => s.Failure));

        // The version the color must run: the one recorded when it became live, else the one its group is pinned to (a color
        // that never had a deployment of its own since the record began).
        var recordedVersion = new Pass(_scope, $"RecordedVersionOf{live}", new PassProps
        {
            Parameters = new Dictionary<string, object> { ["version.$"] = P(s => s.State.Item.LiveLaunchTemplateVersion.N) },
            ResultPath = P(s => s.Expected),
        });
        var pinnedVersion = new Pass(_scope, $"PinnedVersionOf{live}", new PassProps
        {
            Parameters = new Dictionary<string, object> { ["version.$"] = P(s => s.Target.Group.LaunchTemplate.Version) },
            ResultPath = P(s => s.Expected),
        });

        // Each instance, by the DescribeAutoScalingGroups Instance members (LifecycleState, HealthStatus, LaunchTemplate.Version).
        var onVersion = Condition.And(Condition.IsPresent(StatePath.Of<InstanceCheck>(i => i.Instance.LaunchTemplate.Version)),
            Condition.StringEqualsJsonPath(StatePath.Of<InstanceCheck>(i => i.Instance.LaunchTemplate.Version), StatePath.Of<InstanceCheck>(i => i.Version)));
        var inService = Condition.StringEquals(StatePath.Of<InstanceCheck>(i => i.Instance.LifecycleState), "InService");
        Pass Verdict(string id, string value) => new(_scope, id, new PassProps { Result = Result.FromString(value) });
        var perInstance = new Choice(_scope, $"InstanceServes{live}")
            .When(Condition.And(inService, onVersion, Condition.StringEquals(StatePath.Of<InstanceCheck>(i => i.Instance.HealthStatus), "Healthy")), Verdict($"InstanceServing{live}", "serving"))
            .When(Condition.And(inService, Condition.Not(onVersion)), Verdict($"InstanceOnOtherVersion{live}", "otherVersion"))
            .Otherwise(Verdict($"InstanceNotServing{live}", "notServing"));
        var instances = new Map(_scope, $"CheckInstancesOf{live}", new MapProps
        {
            Comment = "Without a Lambda and without JSONPath filters (the linters refuse them): one verdict per instance.",
            ItemsPath = P(s => s.Target.Group.Instances),
            ItemSelector = new Dictionary<string, object>
            {
                ["instance.$"] = StatePath.Context(c => c.Map.Item.Value),
                ["version.$"] = P(s => s.Expected.Version),
            },
            ResultPath = P(s => s.Instances),
        });
        instances.ItemProcessor(perInstance);
        var tally = new Pass(_scope, $"TallyInstancesOf{live}", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                ["serving.$"] = $"States.ArrayContains({P(s => s.Instances)}, 'serving')",
                ["otherVersion.$"] = $"States.ArrayContains({P(s => s.Instances)}, 'otherVersion')",
            },
            ResultPath = P(s => s.Tally),
        });

        var probe = FlowSteps.Probe(_scope, $"ProbeRestoreTarget{live}", _context, P(s => s.State.Item.LiveColor.S), HealthProbeRequest.BeforeTraffic, P(s => s.Verdict),
            expectedTargetsPath: P(s => s.Target.Group.DesiredCapacity));
        FlowTasks.CatchAll(probe, failed, P(s => s.Failure));
        var restore = RuleWeights.RestoreVerified(_scope, suffix, _fleet, live,
            $"100% back on {name}, the last verified color: checked, so the first action after the verdict.", AfterRestore(live).LockHeld, failed);

        var pinned = Condition.And(Condition.IsPresent(P(s => s.Target.Group.LaunchTemplate.Version)), Condition.IsPresent(P(s => s.Target.Group.Instances[0])));
        var pinnedAsRecorded = Condition.StringEqualsJsonPath(P(s => s.Target.Group.LaunchTemplate.Version), P(s => s.Expected.Version));
        var serves = Condition.And(Condition.BooleanEquals(P(s => s.Tally.Serving), true), Condition.BooleanEquals(P(s => s.Tally.OtherVersion), false));

        var checkPinned = new Choice(_scope, $"PinnedToRecordedVersion{live}")
            .When(pinnedAsRecorded, instances)
            .Otherwise(Skip($"PinnedElsewhere{live}", null,
                $"States.Format('The {name} group is pinned to launch-template version {{}}, not the recorded {{}}: no flip to it.', {P(s => s.Target.Group.LaunchTemplate.Version)}, {P(s => s.Expected.Version)})"));
        recordedVersion.Next(checkPinned);
        pinnedVersion.Next(checkPinned);
        instances.Next(tally).Next(new Choice(_scope, $"InstancesServe{live}")
            .When(serves, probe)
            .Otherwise(Skip($"NoServingInstance{live}",
                $"The {name} group has no InService, Healthy instance on its recorded launch-template version (or some run another version): no flip to it.")));
        const string forgotten = " The record no longer names it live: deploy a fixed version.";
        probe.Next(new Choice(_scope, $"{FlowStateNames.Rollback.RestoreTargetHealthy}{live}", new ChoiceProps { Comment = "The decision: the next state is the ModifyRule." })
            .When(Condition.StringEquals(P(s => s.Verdict.Status), "Healthy"), restore)
            .When(Condition.StringEquals(P(s => s.Verdict.Status), "Pending"), Skip($"NotHealthyYet{live}", null,
                $"States.Format('{name} is not Healthy before traffic yet ({{}}): {{}}. Roll back again later.', {P(s => s.Verdict.Status)}, States.JsonToString({P(s => s.Verdict.Reasons)}))"))
            .Otherwise(Skip($"NotHealthy{live}", null,
                $"States.Format('{name} is not Healthy before traffic ({{}}): {{}}.{forgotten}', {P(s => s.Verdict.Status)}, States.JsonToString({P(s => s.Verdict.Reasons)}))", forget)));

        describe.Next(new Choice(_scope, $"HasInstances{live}")
            .When(Condition.And(pinned, Condition.IsPresent(P(s => s.State.Item.LiveLaunchTemplateVersion.N))), recordedVersion)
            .When(pinned, pinnedVersion)
            .When(Condition.IsPresent(P(s => s.Target.Group.Instances[0])), Skip($"NoLaunchTemplate{live}",
                $"The {name} group has instances but no launch template (changed outside the pipeline): no flip to it."))
            .Otherwise(Skip($"NoInstances{live}", $"The {name} group has no instance: no flip to a cold fleet.{forgotten}", next: forget)));

        read.Next(new Choice(_scope, $"TrafficOff{live}", new ChoiceProps { Comment = $"Off {name}, the recorded live color: restore it if it still serves." })
            .When(RuleWeights.HasWeight(P(s => s.Weights), _fleet, live, 100), new Pass(_scope, $"AlreadyOn{live}", new PassProps
            {
                Parameters = new Dictionary<string, object>
                {
                    ["reason"] = $"All traffic is on {name}, the recorded live color, and no previous color is warm: nothing to restore.",
                },
                ResultPath = P(s => s.Skipped),
            }).Next(notRestored))
            .Otherwise(lockIt.Next(describe)));
        return read;
    }
}
