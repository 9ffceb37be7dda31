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

        Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        var outDir = Directory.CreateTempSubdirectory("rehearsal-synth-").FullName;
        try
        {
            var context = CdkJsonContext();
            context["env"] = environment;
            context["aws:cdk:bundling-stacks"] = Array.Empty<string>();
            if (settings is not null)
            {
                var environments = JsonNode.Parse(JsonSerializer.Serialize(context["environments"]))!.AsObject();
                var own = environments[environment] as JsonObject ?? new JsonObject();
                foreach (var (name, value) in settings)
                {
                    own[name] = value?.DeepClone();
                }

                environments[environment] = own;
                context["environments"] = ToObject(JsonDocument.Parse(environments.ToJsonString()).RootElement);
            }

            var app = new Amazon.CDK.App(new Amazon.CDK.AppProps { Outdir = outDir, Context = context });
            var stack = AppBuilder.Build(app).Single();
            app.Synth();
            var machines = DefinitionResolver.ResolveTemplate(repositoryRoot, Path.Combine(outDir, stack.StackName + ".template.json"));
            return _stacks[key] = new RehearsalStack(machines);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    private Dictionary<string, object> CdkJsonContext()
    {
        using var cdkJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(repositoryRoot, "cdk.json")));
        return cdkJson.RootElement.GetProperty("context").EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value));
    }

    private static object ToObject(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(ToObject).ToArray(),
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new InvalidDataException($"Unsupported context value {element}"),
    };
}
