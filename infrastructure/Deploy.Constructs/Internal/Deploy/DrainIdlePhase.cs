using Amazon.CDK;
using Amazon.CDK.AWS.StepFunctions;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.DeployPhase;

namespace Deploy.Constructs.Internal;

/// <summary>
/// Empties the idle group before it is pinned to the new version: changing a group's launch template never replaces
/// its running instances, so a group that still has some (the previous color, kept warm after the last deployment)
/// would keep running the old version and pass the health probe with it. Scale it in to zero, then wait (counted
/// checks) until no instance is left; then <c>pin</c>.
/// </summary>
internal static class DrainIdlePhase
{
    /// <summary>Seconds between two checks that the idle group is empty.</summary>
    public const int CheckSeconds = 15;

    /// <summary>
    /// Checks of the idle group while it scales in: its deregistration delay plus five minutes for the instances to
    /// terminate (EC2 Auto Scaling terminates an instance only after its target deregistered).
    /// </summary>
    public static int Checks(BlueGreenFleet fleet) =>
        (int)Math.Ceiling((fleet.DeregistrationDelay.ToSeconds() + 300) / (double)CheckSeconds);

    public static IChainable Build(DeployPhase phase, IChainable pin)
    {
        var (scope, fleet) = (phase.Scope, phase.Fleet);
        var idleGroup = GroupRef.At(P(s => s.Colors.IdleGroup));
        var scaleIn = FlowSteps.ScaleToZero(scope, "ScaleInIdleGroup", fleet, idleGroup);
        phase.CatchRollback(scaleIn);
        var start = new Pass(scope, "StartDrainChecks", new PassProps
        {
            Parameters = new Dictionary<string, object> { [StatePath.Name<Contracts.Flows.DrainChecks>(d => d.Left)] = Checks(fleet) },
            ResultPath = P(s => s.Drain),
        });
        var wait = new Wait(scope, "WaitForIdleScaleIn", new WaitProps { Time = WaitTime.Duration(Duration.Seconds(CheckSeconds)) });
        var describe = FlowSteps.DescribeGroup(scope, "DescribeDrainingIdleGroup", idleGroup, P(s => s.Draining));
        phase.CatchRollback(describe);
        var count = new Pass(scope, "CountDrainCheck", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                [StatePath.Name<Contracts.Flows.DrainChecks>(d => d.Left) + ".$"] = $"States.MathAdd({P(s => s.Drain.Left)}, -1)",
            },
            ResultPath = P(s => s.Drain),
        });
        var notEmptied = phase.Marker("MarkIdleNotEmptied", DeployErrors.IdleColorNotEmptied,
            $"The idle group still had instances {Secs(Duration.Seconds(Checks(fleet) * CheckSeconds))} s after it was scaled in to zero.");
        count.Next(new Choice(scope, "DrainChecksLeft")
            .When(Condition.NumberGreaterThan(P(s => s.Drain.Left), 0), wait)
            .Otherwise(notEmptied));
        scaleIn.Next(start).Next(wait).Next(describe).Next(new Choice(scope, "IdleGroupEmpty")
            .When(Condition.IsPresent(P(s => s.Draining.Group.Instances[0])), count)
            .Otherwise(pin));

        return new Choice(scope, "IdleGroupHasInstances", new ChoiceProps { Comment = "A new version runs only on fresh instances." })
            .When(Condition.Or(
                Condition.IsPresent(P(s => s.IdleGroup.Group.Instances[0])),
                Condition.NumberGreaterThan(P(s => s.IdleGroup.Group.DesiredCapacity), 0)), scaleIn)
            .Otherwise(pin);
    }
}
