using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The restore of 100 % of traffic to a color, read back — the sub-flow every flow that restores traffic uses. A
/// <see cref="RuleWeights.Restore"/> (ModifyRule, retried persistently) and a <see cref="RuleWeights.Read"/>, then a Choice
/// on the weights read back. Two shapes, one per way the color is known: at synth (<see cref="Verified"/>: the Rollback and
/// Recovery flows, one set of states per color) or in the state (<see cref="ToColorAt"/>: the Deploy rollback, a Choice on
/// the color and one read-back for both).
/// </summary>
internal static class RestoreTraffic
{
    /// <summary>A restore to a color known at synth.</summary>
    /// <param name="Suffix">What the state names end with (<c>RestoreTrafficTo&lt;suffix&gt;</c>, <c>ReadBack&lt;suffix&gt;</c>, …).</param>
    /// <param name="Fleet">The fleet whose rule is restored.</param>
    /// <param name="Color">The color that gets 100 %.</param>
    /// <param name="Comment">The ModifyRule's comment.</param>
    /// <param name="Next">Where the flow goes once the rule reads back 100 % on the color.</param>
    /// <param name="Failed">Where it goes otherwise, with the error at <c>$.failure</c>.</param>
    internal sealed record VerifiedRestore(string Suffix, BlueGreenFleet Fleet, FleetColor Color, string Comment, IChainable Next, IChainable Failed)
    {
        /// <summary>Retry the read-back persistently too.</summary>
        public bool PersistentReadBack { get; init; }
    }

    /// <summary>A restore to the color named in the state.</summary>
    /// <param name="Id">The name of the Choice on the color (the entry).</param>
    /// <param name="Comment">Its comment.</param>
    /// <param name="Fleet">The fleet whose rule is restored.</param>
    /// <param name="ColorPath">The path of the color (<c>blue</c>/<c>green</c>) that gets 100 %.</param>
    /// <param name="ReadBackPath">Where the rule read back goes.</param>
    /// <param name="Next">Where the flow goes once the rule reads back 100 % on the color.</param>
    /// <param name="Failed">Where it goes otherwise, with an error at <paramref name="FailurePath"/> when a call failed.</param>
    /// <param name="FailurePath">Where a failed call's error goes.</param>
    internal sealed record RestoreAt(string Id, string Comment, BlueGreenFleet Fleet, string ColorPath, string ReadBackPath, IChainable Next,
        IChainable Failed, string FailurePath);

    /// <summary>
    /// <see cref="RuleWeights.Restore"/> (state <c>RestoreTrafficTo&lt;suffix&gt;</c>), then the rule read back (<c>ReadBack&lt;suffix&gt;</c>):
    /// on to <c>Next</c> when it shows 100 % on the color, otherwise to <c>Failed</c> with <c>$.failure</c> =
    /// <see cref="DeployErrors.WeightsNotApplied"/>; any error of the two calls goes to <c>Failed</c> with the error at
    /// <c>$.failure</c>. Returns the first state.
    /// </summary>
    public static IChainable Verified(Construct scope, VerifiedRestore restore)
    {
        var (suffix, fleet, color, comment, next, failed) = restore;
        var failure = StatePath.Of<FlowState>(s => s.Failure);
        var readBack = RollbackState.Path(s => s.ReadBack);
        var set = RuleWeights.Restore(scope, $"{FlowStateNames.Prefixes.RestoreTrafficTo}{suffix}", fleet, color, comment);
        FlowTasks.CatchAll(set, failed, failure);
        var read = RuleWeights.Read(scope, $"ReadBack{suffix}", fleet, readBack, restore.PersistentReadBack);
        FlowTasks.CatchAll(read, failed, failure);
        var notApplied = new Pass(scope, $"NotApplied{suffix}", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                ["Error"] = DeployErrors.WeightsNotApplied,
                ["Cause"] = $"ModifyRule succeeded but the rule does not show 100% on {FlowContext.Name(color)}.",
            },
            ResultPath = failure,
        }).Next(failed);
        return set.Next(read).Next(new Choice(scope, $"Restored{suffix}")
            .When(RuleWeights.HasWeight(readBack, fleet, color, 100), next)
            .Otherwise(notApplied));
    }

    /// <summary>
    /// A Choice on the color at <c>ColorPath</c>, then <see cref="RuleWeights.Restore"/> to it (<c>RestoreTrafficTo&lt;color&gt;</c>),
    /// then one read-back for both (<c>ReadRestoredWeights</c>, <c>TrafficRestored</c>): on to <c>Next</c> when the rule shows
    /// 100 % on that color, otherwise to <c>Failed</c>. Returns the Choice.
    /// </summary>
    public static IChainable ToColorAt(Construct scope, RestoreAt restore)
    {
        var catchFailure = new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = restore.FailurePath };
        var readBack = RuleWeights.Read(scope, "ReadRestoredWeights", restore.Fleet, restore.ReadBackPath);
        readBack.AddCatch(restore.Failed, catchFailure);

        IChainable To(FleetColor color)
        {
            var set = RuleWeights.Restore(scope, $"{FlowStateNames.Prefixes.RestoreTrafficTo}{color}", restore.Fleet, color,
                $"Rollback: 100% back on {FlowContext.Name(color)} before anything else.");
            set.AddCatch(restore.Failed, catchFailure);
            return set.Next(readBack);
        }

        Condition Is(FleetColor color) => Condition.StringEquals(restore.ColorPath, FlowContext.Name(color));
        Condition RestoredTo(FleetColor color) => Condition.And(Is(color), RuleWeights.HasWeight(restore.ReadBackPath, restore.Fleet, color, 100));
        readBack.Next(new Choice(scope, "TrafficRestored")
            .When(RestoredTo(FleetColor.Blue), restore.Next)
            .When(RestoredTo(FleetColor.Green), restore.Next)
            .Otherwise(restore.Failed));

        return new Choice(scope, restore.Id, new ChoiceProps { Comment = restore.Comment })
            .When(Is(FleetColor.Blue), To(FleetColor.Blue))
            .Otherwise(To(FleetColor.Green));
    }
}
