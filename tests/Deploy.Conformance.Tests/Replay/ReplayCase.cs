using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation;

namespace Deploy.Conformance.Tests.Replay;

/// <summary>
/// One case for <c>harness/replay.py</c>: the world's resources and their state before the first call (so the harness
/// creates equivalent ones in moto), and the calls to replay in order.
/// </summary>
public static class ReplayCase
{
    /// <summary>What the harness needs to build moto's copy of a scenario's world, taken before the scenario runs.</summary>
    public static JsonObject Initial(SimulatedWorld world)
    {
        var groups = new JsonObject();
        foreach (var (color, group) in world.Groups)
        {
            groups[color] = new JsonObject
            {
                ["min"] = group.Min,
                ["max"] = group.Max,
                ["desired"] = group.Desired,
                ["version"] = group.LaunchTemplateVersion,
            };
        }

        return new JsonObject
        {
            ["weights"] = new JsonObject { ["blue"] = world.Weights["blue"], ["green"] = world.Weights["green"] },
            ["groups"] = groups,
            ["launchTemplateVersions"] = world.LaunchTemplates.Count,
            ["items"] = new JsonArray(world.Table.Items.Values.Select(i => (JsonNode)i.DeepClone()).ToArray()),
        };
    }

    /// <summary>The fake ids the world's state machines use, by role.</summary>
    public static JsonObject Stack(RehearsalStack stack) => new()
    {
        ["targetGroupArn"] = Colors(stack.TargetGroupArn),
        ["targetGroupFullName"] = Colors(stack.TargetGroupFullName),
        ["groupName"] = Colors(stack.GroupName),
        ["compositeAlarmName"] = Colors(stack.CompositeAlarmName),
        ["ruleArn"] = stack.RuleArn,
        ["launchTemplateId"] = stack.LaunchTemplateId,
    };

    /// <summary>A scenario case.</summary>
    public static JsonObject Scenario(string name, RehearsalStack stack, JsonObject initial, IEnumerable<WorldCall> calls) => new()
    {
        ["kind"] = "scenario",
        ["name"] = name,
        ["stack"] = Stack(stack),
        ["initial"] = initial,
        ["calls"] = Calls(calls),
    };

    /// <summary>A table case: <paramref name="items"/> in a fresh pk/sk table named <paramref name="table"/>, then the calls.</summary>
    public static JsonObject Table(string name, string table, IEnumerable<JsonObject> items, IEnumerable<WorldCall> calls) => new()
    {
        ["kind"] = "table",
        ["name"] = name,
        ["table"] = table,
        ["items"] = new JsonArray(items.Select(i => (JsonNode)i.DeepClone()).ToArray()),
        ["calls"] = Calls(calls),
    };

    private static JsonArray Calls(IEnumerable<WorldCall> calls) => new(calls.Select(c => (JsonNode)c.ToJson()).ToArray());

    private static JsonObject Colors(Dictionary<string, string> byColor) => new()
    {
        ["blue"] = byColor["blue"],
        ["green"] = byColor["green"],
    };
}
