using System.Text.Json;
using Deploy.App;

namespace Deploy.LocalEngine.Tests;

/// <summary>
/// Synthesizes the bundled app (both environments, the repository's cdk.json context, bundling skipped) into a temp
/// cdk.out once, and starts one local engine on a free port for every test of the collection.
/// </summary>
public sealed class EngineFixture : IDisposable
{
    public EngineFixture()
    {
        CdkOut = Synthesize();
        Server = LocalEngineServer.Start(new LocalEngineOptions
        {
            CdkOut = CdkOut,
            Port = 0,
            RepositoryRoot = RepositoryRoot,
            Log = line => Log.Enqueue(line),
        });
        Client = new StepFunctionsClient(Server.Url);
    }

    public static string RepositoryRoot { get; } = FindRoot();

    public string CdkOut { get; }

    public LocalEngineServer Server { get; }

    public StepFunctionsClient Client { get; }

    public System.Collections.Concurrent.ConcurrentQueue<string> Log { get; } = new();

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
        Directory.Delete(CdkOut, recursive: true);
    }

    private static string Synthesize()
    {
        Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        var outDir = Directory.CreateTempSubdirectory("local-engine-cdk-out-").FullName;
        using var cdkJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "cdk.json")));
        var context = cdkJson.RootElement.GetProperty("context").EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value));
        context["aws:cdk:bundling-stacks"] = Array.Empty<string>();
        var app = new Amazon.CDK.App(new Amazon.CDK.AppProps { Outdir = outDir, Context = context });
        AppBuilder.Build(app);
        app.Synth();
        return outDir;
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

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Deploy.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Deploy.sln not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "Local engine";
}
