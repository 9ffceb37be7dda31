using Amazon.CDK.AWS.StepFunctions;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.DeployPhase;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The first part of preparing: the rule's weights read, and the live color found — the one with 100 % when the record
/// vouches for it — and written to <c>$.colors</c>; then <c>next</c>.
/// </summary>
/// <remarks>
/// Split traffic (neither color at 100 %, left by an interrupted run) is repaired to the live color the state item records
/// — the last verified one — and the deployment goes on; without a record it fails with <c>Deploy.SplitTraffic</c> and
/// changes nothing. 100 % on a color the record does not vouch for (neither its live color nor a warm previous one: the
/// failed color after a failed rollback) fails with <c>Deploy.TrafficOnUnverifiedColor</c> and changes nothing.
/// </remarks>
internal static class LiveColorPhase
{
    public static IChainable Build(DeployPhase phase, Func<IChainable> next)
    {
        var (scope, fleet) = (phase.Scope, phase.Fleet);
        var readWeights = RuleWeights.Read(scope, "ReadWeights", fleet, P(s => s.Weights),
            comment: FlowPhases.Tag(FlowPhases.Prepare, "Finds the live color, then prepares the idle one."));
        phase.CatchBefore(readWeights);

        var prepare = next();
        var liveBlue = Colors(phase, FleetColor.Blue).Next(prepare);
        var liveGreen = Colors(phase, FleetColor.Green).Next(prepare);
        var allOnBlue = RuleWeights.HasWeight(P(s => s.Weights), fleet, FleetColor.Blue, 100);
        var allOnGreen = RuleWeights.HasWeight(P(s => s.Weights), fleet, FleetColor.Green, 100);
        var whichIsLive = new Choice(scope, "WhichColorIsLive", new ChoiceProps
        {
            Comment = "The color with 100% is live when the record vouches for it (or records nothing); neither at 100%: a split to repair.",
        })
            .When(Condition.And(allOnBlue, Vouched(FleetColor.Blue)), liveBlue)
            .When(Condition.And(allOnGreen, Vouched(FleetColor.Green)), liveGreen)
            .When(Condition.Or(allOnBlue, allOnGreen), UnverifiedRefusal(phase))
            .Otherwise(SplitRepair(phase, liveBlue, liveGreen));
        readWeights.Next(whichIsLive);
        return readWeights;
    }

    private static Pass Colors(DeployPhase phase, FleetColor live)
    {
        var idle = FlowContext.Other(live);
        return new Pass(phase.Scope, $"{live}IsLive", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                [StatePath.Name<DeployColors>(c => c.Live)] = FlowContext.Name(live),
                [StatePath.Name<DeployColors>(c => c.Idle)] = FlowContext.Name(idle),
                [StatePath.Name<DeployColors>(c => c.LiveGroup)] = phase.Fleet.Group(live).AutoScalingGroupName,
                [StatePath.Name<DeployColors>(c => c.IdleGroup)] = phase.Fleet.Group(idle).AutoScalingGroupName,
            },
            ResultPath = P(s => s.Colors),
        });
    }

    /// <summary>
    /// Whether the state item (as the lock returned it) vouches for <paramref name="color"/> as the live color: it records
    /// no live color (a fresh environment: the weights decide), records this one live, or records it as the warm previous
    /// color (a Rollback restored it and its record write did not land: it ran a verified version, and still does).
    /// </summary>
    private static Condition Vouched(FleetColor color)
    {
        var name = FlowContext.Name(color);
        var live = P(s => s.Lock.Attributes.LiveColor.S);
        var warm = P(s => s.Lock.Attributes.PreviousWarm.BOOL);
        var previous = P(s => s.Lock.Attributes.PreviousColor.S);
        return Condition.Or(
            // Not(IsPresent), not IsPresent false: the rehearsal's engine (aws-local-stepfunctions) never matches the latter.
            Condition.Not(Condition.IsPresent(live)),
            Condition.And(Condition.IsPresent(live), Condition.StringEquals(live, name)),
            Condition.And(
                Condition.IsPresent(warm), Condition.BooleanEquals(warm, true),
                Condition.IsPresent(previous), Condition.StringEquals(previous, name)));
    }

    /// <summary>
    /// 100 % of traffic on a color the record does not vouch for (the failed color a rollback or recovery could not move
    /// traffic off): taking it as live would scale the last verified color in as the idle one and record the failed color
    /// live, so the deployment refuses before it changes anything.
    /// </summary>
    private static IChainable UnverifiedRefusal(DeployPhase phase) =>
        new Pass(phase.Scope, "TrafficOnUnverifiedColor", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                ["Error"] = DeployErrors.TrafficOnUnverifiedColor,
                ["Cause.$"] = "States.Format('All traffic is on a color the record does not vouch for; {} is the last verified live color. Nothing was changed: restore a verified color first (deploy-pipeline rollback), then deploy again.', "
                    + $"{P(s => s.Lock.Attributes.LiveColor.S)})",
            },
            ResultPath = P(s => s.Failure),
        }).Next(phase.FailedBeforeChanges);

    private static IChainable SplitRepair(DeployPhase phase, IChainable liveBlue, IChainable liveGreen)
    {
        var scope = phase.Scope;
        IChainable Repair(FleetColor color)
        {
            var set = RuleWeights.Restore(scope, $"{FlowStateNames.Prefixes.RepairSplitTo}{color}", phase.Fleet, color,
                "Split traffic from an interrupted run: back to the recorded live color.");
            phase.CatchBefore(set);
            var notify = Notifications.Publish(scope, $"NotifySplitRepairedTo{color}", phase.Context, "SplitTrafficRepaired",
                $"Split traffic repaired: 100% back on {FlowContext.Name(color)}", P(s => s.Weights));
            return set.Next(FlowTasks.BestEffort(notify, color == FleetColor.Blue ? liveBlue : liveGreen));
        }

        var noRecord = phase.Marker("SplitWithoutRecord", DeployErrors.SplitTraffic,
            "The listener rule splits traffic between the colors and no verified live color is recorded; repair the weights by hand (or run the Rollback state machine) and deploy again.",
            phase.FailedBeforeChanges);

        var live = P(s => s.Lock.Attributes.LiveColor.S);
        Condition Recorded(FleetColor color) => Condition.And(Condition.IsPresent(live), Is(live, color));

        return new Choice(scope, "SplitTrafficPolicy", new ChoiceProps { Comment = "Neither color at 100%: repair to the recorded live color, or stop." })
            .When(Recorded(FleetColor.Blue), Repair(FleetColor.Blue))
            .When(Recorded(FleetColor.Green), Repair(FleetColor.Green))
            .Otherwise(noRecord);
    }
}
