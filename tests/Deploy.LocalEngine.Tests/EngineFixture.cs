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
        OfflineEnvironment.Apply();
        CdkOut = Synthesize();
        Server = LocalEngineServer.Start(new LocalEngineOptions
        {
            CdkOut = CdkOut,
            Port = 0,
            RepositoryRoot = Repository.Root,
            Log = line => Log.Enqueue(line),
        });
        Client = new StepFunctionsClient(Server.Url);
    }

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
        var outDir = Directory.CreateTempSubdirectory("local-engine-cdk-out-").FullName;
        CdkJson.SynthesizeOffline(outDir, CdkJson.ReadContext(Path.Combine(Repository.Root, "cdk.json")));
        return outDir;
    }
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "Local engine";
}
