using System.Text.Json;

namespace Deploy.App;

/// <summary>Reads a cdk.json's <c>context</c> as CDK context values, and synthesizes the app offline from it.</summary>
public static class CdkJson
{
    /// <summary>The <c>context</c> object of <paramref name="cdkJsonPath"/> as dictionaries, arrays, strings, numbers and booleans.</summary>
    public static Dictionary<string, object> ReadContext(string cdkJsonPath)
    {
        using var cdkJson = JsonDocument.Parse(File.ReadAllText(cdkJsonPath));
        return cdkJson.RootElement.TryGetProperty("context", out var context)
            ? context.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value))
            : new Dictionary<string, object>();
    }

    /// <summary>
    /// Synthesizes the bundled app into <paramref name="outDir"/> with <paramref name="context"/> and without
    /// bundling the handlers (their assets are placeholders): for offline rehearsal and the local engine only —
    /// never deploy such a template.
    /// </summary>
    public static IReadOnlyList<BlueGreenStack> SynthesizeOffline(string outDir, Dictionary<string, object> context)
    {
        Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        var offline = new Dictionary<string, object>(context) { ["aws:cdk:bundling-stacks"] = Array.Empty<string>() };
        var app = new Amazon.CDK.App(new Amazon.CDK.AppProps { Outdir = Path.GetFullPath(outDir), Context = offline });
        var stacks = AppBuilder.Build(app);
        app.Synth();
        return stacks;
    }

    /// <summary>A JSON value as a CDK context value.</summary>
    public static object ToObject(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(ToObject).ToArray(),
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new InvalidDataException($"Unsupported cdk.json context value {element}"),
    };
}
