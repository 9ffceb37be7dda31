using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Authorization;

/// <summary>Reads the <c>policies</c> object printed by <c>scripts/rehearsal/resolve.mjs --policies</c>.</summary>
internal static class PolicyParser
{
    public static StackPolicies Parse(JsonObject policies)
    {
        var roles = new Dictionary<string, RolePolicies>(StringComparer.Ordinal);
        foreach (var (logicalId, node) in policies["roles"] as JsonObject ?? [])
        {
            var role = (JsonObject)node!;
            roles[logicalId] = new RolePolicies
            {
                LogicalId = logicalId,
                Arn = (string)role["arn"]!,
                Policies = (role["policies"] as JsonArray ?? []).OfType<JsonObject>().Select(p => new RolePolicy
                {
                    Name = (string?)p["name"] ?? "policy",
                    Source = (string?)p["source"] ?? "AWS::IAM::Policy",
                    Document = p["document"] as JsonObject ?? new JsonObject(),
                }).ToList(),
                UnresolvedManagedPolicyArns = Strings(role["managedPolicyArns"]),
            };
        }

        var machines = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (logicalId, node) in policies["stateMachines"] as JsonObject ?? [])
        {
            if ((string?)node?["role"] is { } role)
            {
                machines[logicalId] = role;
            }
        }

        var calls = new List<CustomResourceCall>();
        foreach (var resource in (policies["customResources"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if ((string?)resource["role"] is not { } role)
            {
                continue;
            }

            foreach (var (name, call) in resource["calls"] as JsonObject ?? [])
            {
                calls.Add(new CustomResourceCall
                {
                    LogicalId = (string)resource["logicalId"]!,
                    Type = (string)resource["type"]!,
                    RoleLogicalId = role,
                    Event = name,
                    Service = (string)call!["service"]!,
                    Action = (string)call["action"]!,
                    Parameters = call["parameters"]?.DeepClone() as JsonObject ?? new JsonObject(),
                });
            }
        }

        return new StackPolicies
        {
            Roles = roles,
            StateMachineRoles = machines,
            CustomResourceCalls = calls,
            KeyPolicies = Objects(policies["keyPolicies"], n => n as JsonObject),
            TopicKeys = Objects(policies["topics"], n => (string?)n?["kmsMasterKeyId"]),
            LaunchTemplates = Objects(policies["launchTemplates"], n => n?["data"] as JsonObject),
            GroupSubnets = Objects(policies["groups"], n => (IReadOnlyList<string>?)Strings(n?["subnets"])),
            InstanceProfileRoles = Objects(policies["instanceProfiles"], n => (IReadOnlyList<string>?)Strings(n?["roles"])),
        };
    }

    private static Dictionary<string, T> Objects<T>(JsonNode? node, Func<JsonNode?, T?> select)
        where T : class
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (key, value) in node as JsonObject ?? [])
        {
            if (select(value) is { } selected)
            {
                map[key] = selected is JsonNode json ? (T)(object)json.DeepClone() : selected;
            }
        }

        return map;
    }

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList();
}
