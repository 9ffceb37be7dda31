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

    /// <summary>
    /// <see cref="Restore"/> (state <c>RestoreTrafficTo&lt;suffix&gt;</c>), then the rule read back (<c>ReadBack&lt;suffix&gt;</c>):
    /// on to <paramref name="next"/> when it shows 100 % on <paramref name="color"/>, otherwise to <paramref name="failed"/>
    /// with <c>$.failure</c> = <see cref="DeployErrors.WeightsNotApplied"/>; any error of the two calls goes to
    /// <paramref name="failed"/> with the error at <c>$.failure</c>. Returns the first state.
    /// </summary>
    public static IChainable RestoreVerified(Construct scope, string suffix, BlueGreenFleet fleet, FleetColor color, string comment,
        IChainable next, IChainable failed, bool persistentReadBack = false)
    {
        var set = Restore(scope, $"{FlowStateNames.Prefixes.RestoreTrafficTo}{suffix}", fleet, color, comment);
        FlowTasks.CatchAll(set, failed, "$.failure");
        var read = Read(scope, $"ReadBack{suffix}", fleet, "$.readBack", persistentReadBack);
        FlowTasks.CatchAll(read, failed, "$.failure");
        var notApplied = new Pass(scope, $"NotApplied{suffix}", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                ["Error"] = DeployErrors.WeightsNotApplied,
                ["Cause"] = $"ModifyRule succeeded but the rule does not show 100% on {FlowContext.Name(color)}.",
            },
            ResultPath = "$.failure",
        }).Next(failed);
        return set.Next(read).Next(new Choice(scope, $"Restored{suffix}")
            .When(HasWeight("$.readBack", fleet, color, 100), next)
            .Otherwise(notApplied));
    }

    /// <summary>A ModifyRule task whose weights come from the state (paths to numbers).</summary>
    public static CallAwsService SetFromPaths(Construct scope, string id, BlueGreenFleet fleet, string blueWeightPath, string greenWeightPath) =>
        Modify(scope, id, fleet, blueWeightPath, greenWeightPath, null, persistentRetries: false);

    /// <summary>
    /// A DescribeRules task that leaves <c>{ targetGroups: [...] }</c> at <paramref name="resultPath"/>; with
    /// <paramref name="persistentRetries"/> it retries every error but the permanent ones.
    /// </summary>
    public static CallAwsService Read(Construct scope, string id, BlueGreenFleet fleet, string resultPath, bool persistentRetries = false, string? comment = null) =>
        FlowTasks.Aws(scope, id, "elasticloadbalancingv2", "describeRules", "elasticloadbalancing:DescribeRules",
            // Describe* actions of Elastic Load Balancing have no resource-level permissions.
            new[] { "*" },
            new Dictionary<string, object> { ["RuleArns"] = new[] { fleet.ListenerRuleArn } },
            resultPath: resultPath,
            resultSelector: new Dictionary<string, object>
            {
                ["targetGroups.$"] = "$.Rules[0].Actions[0].ForwardConfig.TargetGroups",
            },
            comment: comment,
            persistentRetries: persistentRetries);

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
            Condition.StringEquals($"{path}.targetGroups[{index}].TargetGroupArn", arn),
            weightIs($"{path}.targetGroups[{index}].Weight"));
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

        return FlowTasks.Aws(scope, id, "elasticloadbalancingv2", "modifyRule", "elasticloadbalancing:ModifyRule",
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
            },
            resultPath: JsonPath.DISCARD,
            comment: comment,
            persistentRetries: persistentRetries);
    }
}
