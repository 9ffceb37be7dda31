using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deploy.Rehearsal;
using Deploy.Rehearsal.Simulation;

namespace Deploy.LocalEngine;

/// <summary>One state machine of a synthesized stack: its name, role, type, tags and resolved definition.</summary>
internal sealed record MachineSpec(string LogicalId, string Name, string Role, string Type, IReadOnlyList<KeyValuePair<string, string>> Tags, JsonObject Definition);

/// <summary>One synthesized stack with a pipeline: its machines, the map the simulated world needs, and the fleet's sizes.</summary>
internal sealed record LoadedStack(
    string StackName,
    string Application,
    string Environment,
    RehearsalStack Stack,
    IReadOnlyList<MachineSpec> Machines,
    int? Capacity,
    int? MaxCapacity,
    bool? AutoRollback);

/// <summary>Reads the <c>*.template.json</c> files of a cdk.out directory and resolves their state machines.</summary>
internal static partial class StackCatalog
{
    public const string Deploy = "Deploy";
    public const string Rollback = "Rollback";
    public const string HealthProbe = "HealthProbe";
    public const string Recovery = "Recovery";

    private static readonly (string Suffix, string Role)[] Suffixes =
    [
        ("-deploy", Deploy),
        ("-rollback", Rollback),
        ("-health-probe", HealthProbe),
        ("-recovery", Recovery),
    ];

    /// <summary>Every stack of <paramref name="cdkOut"/> that holds the three pipeline state machines, resolved in parallel.</summary>
    public static IReadOnlyList<LoadedStack> Load(string repositoryRoot, string cdkOut, Action<string> log)
    {
        var templates = Directory.GetFiles(cdkOut, "*.template.json").Order(StringComparer.Ordinal).ToList();
        if (templates.Count == 0)
        {
            throw new InvalidOperationException($"No *.template.json in '{cdkOut}': run `npx cdk synth` first.");
        }

        var loaded = new LoadedStack?[templates.Count];
        Parallel.For(0, templates.Count, i => loaded[i] = LoadTemplate(repositoryRoot, templates[i], log));
        var stacks = loaded.OfType<LoadedStack>().ToList();
        if (stacks.Count == 0)
        {
            throw new InvalidOperationException($"No template in '{cdkOut}' holds the Deploy, Rollback and HealthProbe state machines.");
        }

        var duplicate = stacks.SelectMany(s => s.Machines).GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? stacks
            : throw new InvalidOperationException($"State machine name '{duplicate.Key}' occurs in more than one template.");
    }

    private static LoadedStack? LoadTemplate(string repositoryRoot, string file, Action<string> log)
    {
        var stackName = Path.GetFileName(file)[..^".template.json".Length];
        var template = JsonNode.Parse(File.ReadAllText(file)) as JsonObject
            ?? throw new InvalidDataException($"{file} is not a JSON object.");
        var resources = template["Resources"] as JsonObject ?? new JsonObject();
        var declared = resources
            .Where(r => (string?)r.Value?["Type"] == "AWS::StepFunctions::StateMachine")
            .Select(r => (LogicalId: r.Key, Properties: r.Value!["Properties"] as JsonObject ?? new JsonObject()))
            .ToList();
        if (declared.Count == 0)
        {
            log($"{stackName}: no state machines, skipped");
            return null;
        }

        var withPolicies = DefinitionResolver.ResolveTemplateWithPolicies(repositoryRoot, file);
        var resolved = withPolicies.Machines;
        var machines = new List<MachineSpec>();
        foreach (var (logicalId, properties) in declared)
        {
            var tags = (properties["Tags"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Where(t => t["Key"] is JsonValue && t["Value"] is JsonValue)
                .Select(t => KeyValuePair.Create((string)t["Key"]!, (string)t["Value"]!))
                .ToList();
            var name = properties["StateMachineName"] is JsonValue n && n.TryGetValue<string>(out var text) ? text : $"{stackName}-{logicalId}";
            var role = Tag(tags, "deploy:role") ?? RoleOf(name, logicalId);
            if (role is null || !resolved.TryGetValue(logicalId, out var machine))
            {
                log($"{stackName}: state machine {name} is not part of a pipeline, skipped");
                continue;
            }

            var type = properties["StateMachineType"] is JsonValue t && t.TryGetValue<string>(out var given) ? given : "STANDARD";
            machines.Add(new MachineSpec(logicalId, name, role, type, tags, machine.Definition));
        }

        if (new[] { Deploy, Rollback, HealthProbe }.Any(role => machines.Count(m => m.Role == role) != 1))
        {
            log($"{stackName}: not exactly one Deploy, Rollback and HealthProbe state machine, skipped");
            return null;
        }

        var deploy = machines.Single(m => m.Role == Deploy);
        var prefix = deploy.Name.EndsWith("-deploy", StringComparison.Ordinal) ? deploy.Name[..^"-deploy".Length] : stackName;
        var dash = prefix.LastIndexOf('-');
        var environment = Tag(deploy.Tags, "deploy:environment") ?? (dash > 0 ? prefix[(dash + 1)..] : prefix);
        var application = Tag(deploy.Tags, "deploy:application") ?? (dash > 0 ? prefix[..dash] : "webapp");
        var (capacity, maxCapacity) = Capacities(resources);
        return new LoadedStack(stackName, application, environment, new RehearsalStack(resolved, withPolicies.Policies, withPolicies.Alarms, resources) { TargetGroupHealth = TargetGroupHealthSettings.OfFleet(template) }, machines, capacity, maxCapacity, AlarmRuleEnabled(resources));
    }

    private static string? Tag(IReadOnlyList<KeyValuePair<string, string>> tags, string key) =>
        tags.Where(t => t.Key == key).Select(t => t.Value).FirstOrDefault();

    private static string? RoleOf(string name, string logicalId)
    {
        foreach (var (suffix, role) in Suffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) || logicalId.StartsWith("Pipeline" + role, StringComparison.Ordinal))
            {
                return role;
            }
        }

        return null;
    }

    /// <summary>The fleet's initial capacity (the Custom::InitialCapacity of the blue group) and the groups' MaxSize.</summary>
    private static (int? Capacity, int? MaxCapacity) Capacities(JsonObject resources)
    {
        int? capacity = null;
        int? max = null;
        foreach (var (logicalId, resource) in resources)
        {
            if (!logicalId.StartsWith("FleetBlue", StringComparison.Ordinal) || resource is null)
            {
                continue;
            }

            var type = (string?)resource["Type"];
            if (type == "AWS::AutoScaling::AutoScalingGroup" && int.TryParse(resource["Properties"]?["MaxSize"]?.ToString(), out var size))
            {
                max = size;
            }
            else if (type == "Custom::InitialCapacity" && DesiredCapacity().Match(resource.ToJsonString(Wire.Options)) is { Success: true } match)
            {
                capacity = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return (capacity, max);
    }

    /// <summary>Whether the alarm rule (composite alarm → Rollback) is enabled; null when the template has none.</summary>
    private static bool? AlarmRuleEnabled(JsonObject resources)
    {
        foreach (var (_, resource) in resources)
        {
            if ((string?)resource?["Type"] == "AWS::Events::Rule"
                && resource?["Properties"]?["EventPattern"]?["detail-type"]?.ToJsonString().Contains("CloudWatch Alarm State Change", StringComparison.Ordinal) == true)
            {
                return (string?)resource["Properties"]!["State"] != "DISABLED";
            }
        }

        return null;
    }

    [GeneratedRegex("""DesiredCapacity\\*"\s*:\s*(\d+)""")]
    private static partial Regex DesiredCapacity();
}
