using System.Text.Json;
using Deploy.App;

namespace Deploy.LocalEngine;

/// <summary>
/// Synthesizes the repository's bundled CDK app (every environment, the context of its cdk.json) without bundling
/// the handlers (the simulated world runs them in-process), as <c>--synth</c> does.
/// </summary>
internal static class BundledApp
{
    public static void Synthesize(string repositoryRoot, string outDir)
    {
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        System.Environment.SetEnvironmentVariable("CDK_DISABLE_VERSION_CHECK", "true");
        Directory.CreateDirectory(outDir);
        using var cdkJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(repositoryRoot, "cdk.json")));
        var context = cdkJson.RootElement.TryGetProperty("context", out var given)
            ? given.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value))
            : [];
        context["aws:cdk:bundling-stacks"] = Array.Empty<string>();
        var app = new Amazon.CDK.App(new Amazon.CDK.AppProps { Outdir = Path.GetFullPath(outDir), Context = context });
        AppBuilder.Build(app);
        app.Synth();
    }

    private static object ToObject(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(ToObject).ToArray(),
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new InvalidDataException($"cdk.json: unsupported context value {element}"),
    };
}
