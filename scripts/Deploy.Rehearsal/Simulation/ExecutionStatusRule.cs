using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// An EventBridge rule of the template that matches "Step Functions Execution Status Change" events (source
/// <c>aws.states</c>) by status and state machine, and starts a state machine of the stack with the whole event as input.
/// </summary>
/// <param name="LogicalId">The rule's logical id.</param>
/// <param name="Enabled">Whether the rule is enabled (<c>State</c> ENABLED, the default).</param>
/// <param name="Statuses">The execution statuses it matches (<c>detail.status</c>).</param>
/// <param name="Machines">The roles of the state machines it matches (<c>detail.stateMachineArn</c>).</param>
/// <param name="Target">The role of the state machine it starts.</param>
public sealed record ExecutionStatusRule(string LogicalId, bool Enabled, IReadOnlySet<string> Statuses, IReadOnlySet<string> Machines, string Target)
{
    /// <summary>
    /// Every such rule of <paramref name="resources"/>. <paramref name="roleOf"/> names the role of a state machine's logical
    /// id (null for another resource). Only what the stack uses is read — exact values in <c>source</c>,
    /// <c>detail-type</c>, <c>detail.status</c> and <c>detail.stateMachineArn</c> (Refs), one state-machine target without
    /// an input transformation (EventBridge then delivers the matched event as it is); anything else is refused, so the
    /// world never silently delivers what AWS would not.
    /// </summary>
    public static IReadOnlyList<ExecutionStatusRule> Read(JsonObject resources, Func<string, string?> roleOf)
    {
        var rules = new List<ExecutionStatusRule>();
        foreach (var (logicalId, resource) in resources)
        {
            if (resource?["Type"]?.GetValue<string>() != "AWS::Events::Rule" || resource["Properties"]?["EventPattern"] is not JsonObject pattern
                || !Strings(pattern["source"]).Contains("aws.states"))
            {
                continue;
            }

            string Refuse(string what) => throw new NotSupportedException($"Rule {logicalId}: {what} is not simulated.");
            if (!Strings(pattern["detail-type"]).SequenceEqual(["Step Functions Execution Status Change"]))
            {
                Refuse($"detail-type {pattern["detail-type"]?.ToJsonString()}");
            }

            var detail = pattern["detail"] as JsonObject ?? new JsonObject();
            if (detail.Select(d => d.Key).Except(["status", "stateMachineArn"]).FirstOrDefault() is { } other)
            {
                Refuse($"a pattern on detail.{other}");
            }

            var machines = (detail["stateMachineArn"] as JsonArray ?? [])
                .Select(a => a?["Ref"]?.GetValue<string>() is { } id && roleOf(id) is { } role ? role : Refuse($"stateMachineArn {a?.ToJsonString()}"))
                .ToHashSet(StringComparer.Ordinal);
            var targets = resource["Properties"]!["Targets"] as JsonArray ?? [];
            if (targets.Count != 1 || targets[0]!["Arn"]?["Ref"]?.GetValue<string>() is not { } targetId || roleOf(targetId) is not { } target)
            {
                Refuse("a target other than one state machine of the stack");
                continue;
            }

            if (targets[0]!["Input"] is not null || targets[0]!["InputPath"] is not null || targets[0]!["InputTransformer"] is not null)
            {
                Refuse("a target input other than the matched event");
            }

            var state = resource["Properties"]!["State"]?.GetValue<string>() ?? "ENABLED";
            rules.Add(new ExecutionStatusRule(logicalId, state == "ENABLED", Strings(detail["status"]).ToHashSet(StringComparer.Ordinal), machines, target));
        }

        return rules;
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(v => v!.GetValue<string>()).ToList() : [];
}
