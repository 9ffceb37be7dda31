using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;

namespace Deploy.Constructs.Internal;

/// <summary>
/// Reading and writing the weights of the fleet's listener rule from the state machines: one
/// <c>ModifyRule</c> call to set them, one <c>DescribeRules</c> call to read them back as
/// <c>{ "targetGroups": [{TargetGroupArn, Weight}, …] }</c>, and Choice conditions that check a color's
/// weight whatever the order of the target groups in the response (the linters reject JSONPath filters).
/// </summary>
internal static class RuleWeights
{
    /// <summary>
    /// A ModifyRule task that puts 100 % back on <paramref name="color"/> during a rollback or repair: it retries every error
    /// but the known permanent ones (see <see cref="FlowTasks.WithPersistentRetries"/>), so a throttle during an incident
    /// never fails a rollback.
    /// </summary>
    public static CallAwsService Restore(Construct scope, string id, BlueGreenFleet fleet, FleetColor color, string comment) =>
        Modify(scope, id, fleet, color == FleetColor.Blue ? 100 : 0, color == FleetColor.Blue ? 0 : 100, comment, persistentRetries: true);

    /// <summary>The verified restore of <see cref="RestoreTraffic.Verified"/>, for the flows that call it here.</summary>
    public static IChainable RestoreVerified(Construct scope, string suffix, BlueGreenFleet fleet, FleetColor color, string comment,
        IChainable next, IChainable failed, bool persistentReadBack = false) =>
        RestoreTraffic.Verified(scope, new RestoreTraffic.VerifiedRestore(suffix, fleet, color, comment, next, failed) { PersistentReadBack = persistentReadBack });

    /// <summary>A ModifyRule task whose weights come from the state (paths to numbers).</summary>
    public static CallAwsService SetFromPaths(Construct scope, string id, BlueGreenFleet fleet, string blueWeightPath, string greenWeightPath) =>
        Modify(scope, id, fleet, blueWeightPath, greenWeightPath, null, persistentRetries: false);

    /// <summary>
    /// A DescribeRules task that leaves <c>{ targetGroups: [...] }</c> at <paramref name="resultPath"/>; with
    /// <paramref name="persistentRetries"/> it retries every error but the permanent ones.
    /// </summary>
    public static CallAwsService Read(Construct scope, string id, BlueGreenFleet fleet, string resultPath, bool persistentRetries = false, string? comment = null) =>
        FlowTasks.Aws(scope, id, new AwsCall("elasticloadbalancingv2", "describeRules", "elasticloadbalancing:DescribeRules",
            // Describe* actions of Elastic Load Balancing have no resource-level permissions.
            new[] { "*" },
            new Dictionary<string, object> { ["RuleArns"] = new[] { fleet.ListenerRuleArn } })
        {
            ResultPath = resultPath,
            ResultSelector = new Dictionary<string, object>
            {
                [StatePath.Name<RuleRead>(r => r.TargetGroups) + ".$"] = StatePath.Of<DescribeRulesResult>(r => r.Rules[0].Actions[0].ForwardConfig.TargetGroups),
            },
            Comment = comment,
            PersistentRetries = persistentRetries,
        });

    /// <summary>True when the rule read by <see cref="Read"/> at <paramref name="path"/> gives <paramref name="color"/> exactly <paramref name="weight"/>.</summary>
    public static Condition HasWeight(string path, BlueGreenFleet fleet, FleetColor color, int weight) =>
        HasWeight(path, fleet, color, weightAt => Condition.NumberEquals(weightAt, weight));

    /// <summary>True when the rule read at <paramref name="path"/> gives <paramref name="color"/> the weight found at <paramref name="weightPath"/>.</summary>
    public static Condition HasWeight(string path, BlueGreenFleet fleet, FleetColor color, string weightPath) =>
        HasWeight(path, fleet, color, weightAt => Condition.NumberEqualsJsonPath(weightAt, weightPath));

    /// <summary>The color's target group is at index 0 or 1 of the response, and its weight passes <paramref name="weightIs"/>.</summary>
    private static Condition HasWeight(string path, BlueGreenFleet fleet, FleetColor color, Func<string, Condition> weightIs)
    {
        var arn = fleet.TargetGroup(color).TargetGroupArn;
        Condition At(int index) => Condition.And(
            Condition.StringEquals(StatePath.Under<RuleRead>(path, r => r.TargetGroups[index].TargetGroupArn), arn),
            weightIs(StatePath.Under<RuleRead>(path, r => r.TargetGroups[index].Weight)));
        return Condition.Or(At(0), At(1));
    }

    private static CallAwsService Modify(Construct scope, string id, BlueGreenFleet fleet, object blue, object green, string? comment, bool persistentRetries)
    {
        static KeyValuePair<string, object> Weight(object value) =>
            value is string path ? new("Weight.$", path) : new("Weight", value);

        Dictionary<string, object> Group(FleetColor color, object weight) => new(new[]
        {
            new KeyValuePair<string, object>("TargetGroupArn", fleet.TargetGroup(color).TargetGroupArn),
            Weight(weight),
        });

        return FlowTasks.Aws(scope, id, new AwsCall("elasticloadbalancingv2", "modifyRule", "elasticloadbalancing:ModifyRule",
            new[] { fleet.ListenerRuleArn },
            new Dictionary<string, object>
            {
                ["RuleArn"] = fleet.ListenerRuleArn,
                ["Actions"] = new object[]
                {
                    new Dictionary<string, object>
                    {
                        ["Type"] = "forward",
                        ["ForwardConfig"] = new Dictionary<string, object>
                        {
                            ["TargetGroups"] = new object[] { Group(FleetColor.Blue, blue), Group(FleetColor.Green, green) },
                            ["TargetGroupStickinessConfig"] = new Dictionary<string, object> { ["Enabled"] = false },
                        },
                    },
                },
            })
        {
            ResultPath = JsonPath.DISCARD,
            Comment = comment,
            PersistentRetries = persistentRetries,
        });
    }
}
