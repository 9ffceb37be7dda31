using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deploy.App;

namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// Keeps a synthesis: given a name for what is synthesized (safe in a file name) and the synthesis (into the folder it is
/// given; it returns the stack names), returns the folder that holds it and its stack names — synthesized now, or kept
/// from an earlier call (the test suite shares one folder per synthesis across its processes). The folder is only read.
/// </summary>
public delegate (string OutDir, IReadOnlyList<string> Stacks) SynthesisStore(string kind, Func<string, IReadOnlyList<string>> synthesize);

/// <summary>
/// Synthesizes the bundled app (the repository's cdk.json context, plus a scenario's setting overrides) and
/// resolves its state machines for rehearsal. Bundling is skipped: the handlers run in-process.
/// One synthesis per distinct environment and settings: resolved once per instance, and synthesized once per
/// <paramref name="store"/> (without one, into a temp folder deleted once read).
/// </summary>
public sealed class RehearsalApp(string repositoryRoot, SynthesisStore? store = null)
{
    private readonly Dictionary<string, RehearsalStack> _stacks = new(StringComparer.Ordinal);

    /// <summary>The resolved state machines of <paramref name="environment"/> with <paramref name="settings"/> applied.</summary>
    public RehearsalStack Stack(string environment, JsonObject? settings)
    {
        var overrides = settings?.ToJsonString() ?? "{}";
        var key = environment + "|" + overrides;
        if (_stacks.TryGetValue(key, out var cached))
        {
            return cached;
        }

        IReadOnlyList<string> Synthesize(string outDir) =>
            CdkJson.SynthesizeOffline(outDir, Context(environment, settings)).Select(s => s.StackName).ToList();

        if (store is not null)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(overrides)))[..12];
            var (outDir, stacks) = store($"rehearsal-{environment}-{hash}", Synthesize);
            return _stacks[key] = Resolve(outDir, stacks.Single());
        }

        var temp = Directory.CreateTempSubdirectory("rehearsal-synth-").FullName;
        try
        {
            return _stacks[key] = Resolve(temp, Synthesize(temp).Single());
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    private Dictionary<string, object> Context(string environment, JsonObject? settings)
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

        return context;
    }

    private RehearsalStack Resolve(string outDir, string stackName)
    {
        var templateFile = Path.Combine(outDir, stackName + ".template.json");
        var resolved = DefinitionResolver.ResolveTemplateWithPolicies(repositoryRoot, templateFile);
        var template = JsonNode.Parse(File.ReadAllText(templateFile))!.AsObject();
        var resources = template["Resources"]!.AsObject();
        return new RehearsalStack(resolved.Machines, resolved.Policies, resolved.Alarms, resources) { TargetGroupHealth = TargetGroupHealthSettings.OfFleet(template) };
    }
}
