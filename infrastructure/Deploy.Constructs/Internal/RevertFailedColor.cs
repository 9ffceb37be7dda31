using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The revert of a failed color once traffic is off it, shared by the Deploy rollback and the Rollback flow: the group
/// described (<c>DescribeFailedGroup…</c>), the LaunchTemplateRevert handler's decision over it and the record of what it
/// ran before (<c>DecideRevert…</c>), the revert applied when the handler says so (<c>ApplyRevert…</c>), then the group scaled
/// to zero. A refused revert (<see cref="DeployErrors.RevertConflict"/>: the group no longer uses the recorded template)
/// leaves the group as it is.
/// </summary>
internal sealed class RevertFailedColor
{
    private readonly CallAwsService _describe;
    private readonly LambdaInvoke _decide;
    private readonly CallAwsService _apply;
    private readonly CallAwsService _scaleDown;
    private readonly string _suffix;
    private readonly Construct _scope;

    private RevertFailedColor(Construct scope, FlowContext context, RevertTarget target, IChainable failed)
    {
        _scope = scope;
        _suffix = target.Suffix;
        var fleet = context.Fleet;
        _describe = FlowSteps.DescribeGroup(scope, $"DescribeFailedGroup{target.Suffix}", target.Group, StatePath.Of<FlowState>(s => s.FailedGroup));
        _decide = Decide(scope, $"DecideRevert{target.Suffix}", context, target.Group, target.Recorded);
        _apply = Apply(scope, $"ApplyRevert{target.Suffix}", fleet);
        _scaleDown = FlowSteps.ScaleToZero(scope, target.ScaleDownId, fleet, target.Group);
        foreach (var step in new State[] { _describe, _decide, _apply, _scaleDown })
        {
            FlowTasks.CatchAll(step, failed, StatePath.Of<FlowState>(s => s.CleanupFailure));
        }
    }

    /// <summary>The entry of the revert: the failed group described.</summary>
    public IChainable Start => _describe;

    /// <summary>The entry when there is nothing to revert: the scale-down alone.</summary>
    public IChainable ScaleDown => _scaleDown;

    /// <summary>
    /// The sub-flow's states for <paramref name="target"/>; any error of its four calls goes to <paramref name="failed"/> at
    /// <c>$.cleanupFailure</c>. Its ends are joined by <see cref="Then"/>.
    /// </summary>
    public static RevertFailedColor Create(Construct scope, FlowContext context, RevertTarget target, IChainable failed) =>
        new(scope, context, target, failed);

    /// <summary>A refused revert goes on to <paramref name="refused"/>; the scale-down, to <paramref name="afterScaleDown"/>.</summary>
    public void Then(IChainable refused, IChainable afterScaleDown)
    {
        var error = StatePath.Of<FlowState>(s => s.Revert.Error);
        _decide.Next(new Choice(_scope, $"RevertNeeded{_suffix}")
            .When(Condition.And(Condition.IsNull(error), Condition.StringEquals(StatePath.Of<FlowState>(s => s.Revert.Action), nameof(RevertAction.Revert))),
                _apply.Next(_scaleDown))
            .When(Condition.IsNull(error), _scaleDown)
            .Otherwise(refused));
        _scaleDown.Next(afterScaleDown);
        _describe.Next(_decide);
    }

    /// <summary>
    /// The LaunchTemplateRevert handler over the failed group's description (at <c>$.failedGroup.group</c>) and the record of
    /// what it ran before; leaves the decision at <c>$.revert</c>.
    /// </summary>
    private static LambdaInvoke Decide(Construct scope, string id, FlowContext context, GroupRef group, RecordedGroup recorded) =>
        FlowTasks.Decide(scope, id, context.LaunchTemplateRevert, new Dictionary<string, object>
        {
            ["group"] = new Dictionary<string, object> { ["AutoScalingGroups.$"] = $"States.Array({StatePath.Of<FlowState>(s => s.FailedGroup.Group)})" },
            ["record"] = new Dictionary<string, object>(new[]
            {
                group.Entry("groupName"),
                new KeyValuePair<string, object>("launchTemplateId", context.Fleet.LaunchTemplateId),
                new KeyValuePair<string, object>("previousLaunchTemplateVersion.$", recorded.LaunchTemplateVersion),
                new KeyValuePair<string, object>("previousCapacity", new Dictionary<string, object>
                {
                    ["minSize.$"] = recorded.MinSize,
                    ["maxSize.$"] = recorded.MaxSize,
                    ["desiredCapacity.$"] = recorded.DesiredCapacity,
                }),
            }),
        }, StatePath.Of<FlowState>(s => s.Revert));

    /// <summary>Applies the revert the handler decided (<c>$.revert.request</c>: an UpdateAutoScalingGroup request).</summary>
    private static CallAwsService Apply(Construct scope, string id, BlueGreenFleet fleet)
    {
        string Request(System.Linq.Expressions.Expression<Func<UpdateAutoScalingGroupRequest, object?>> member) =>
            StatePath.Under(StatePath.Of<FlowState>(s => s.Revert.Request), member);
        return FlowSteps.UpdateGroup(scope, id, fleet, new Dictionary<string, object>
        {
            ["AutoScalingGroupName.$"] = Request(r => r.AutoScalingGroupName),
            ["LaunchTemplate.$"] = Request(r => r.LaunchTemplate),
            ["MinSize.$"] = Request(r => r.MinSize),
            ["MaxSize.$"] = Request(r => r.MaxSize),
            ["DesiredCapacity.$"] = Request(r => r.DesiredCapacity),
        });
    }
}
