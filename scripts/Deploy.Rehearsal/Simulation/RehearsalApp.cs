using System.Text.Json;
using System.Text.Json.Nodes;
using Deploy.App;

namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// Synthesizes the bundled app (the repository's cdk.json context, plus a scenario's setting overrides) and
/// resolves its state machines for rehearsal. Bundling is skipped: the handlers run in-process.
/// One synthesis per distinct environment and settings, cached for the test run.
/// </summary>
public sealed class RehearsalApp(string repositoryRoot)
{
    private readonly Dictionary<string, RehearsalStack> _stacks = new(StringComparer.Ordinal);

    /// <summary>The resolved state machines of <paramref name="environment"/> with <paramref name="settings"/> applied.</summary>
    public RehearsalStack Stack(string environment, JsonObject? settings)
    {
        var key = environment + "|" + (settings?.ToJsonString() ?? "{}");
        if (_stacks.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var outDir = Directory.CreateTempSubdirectory("rehearsal-synth-").FullName;
        try
        {
            var context = CdkJson.ReadContext(Path.Combine(repositoryRoot, "cdk.json"));
            context["env"] = environment;
            if (settings is not null)
            {
                var environments = JsonNode.Parse(JsonSerializer.Serialize(context["environments"]))!.AsObject();
                var own = environments[environment] as JsonObject ?? new JsonObject();
                foreach (var (name, value) in settings)
                {
                    own[name] = value?.DeepClone();
                }

                environments[environment] = own;
                context["environments"] = CdkJson.ToObject(JsonDocument.Parse(environments.ToJsonString()).RootElement);
            }

            var stack = CdkJson.SynthesizeOffline(outDir, context).Single();
            var templateFile = Path.Combine(outDir, stack.StackName + ".template.json");
            var resolved = DefinitionResolver.ResolveTemplateWithPolicies(repositoryRoot, templateFile);
            var template = JsonNode.Parse(File.ReadAllText(templateFile))!.AsObject();
            var resources = template["Resources"]!.AsObject();
            return _stacks[key] = new RehearsalStack(resolved.Machines, resolved.Policies, resolved.Alarms, resources) { TargetGroupHealth = TargetGroupHealthSettings.OfFleet(template) };
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
