using System.Text.Json;

namespace Deploy.LocalEngine.Tests;

/// <summary>
/// The bundled app synthesized offline (both environments, the repository's cdk.json context, bundling skipped; once per
/// test run, <see cref="SynthesizedApp.Offline"/>), and one local engine on a free port for every test of the collection.
/// </summary>
public sealed class EngineFixture : IDisposable
{
    public EngineFixture()
    {
        OfflineEnvironment.Apply();
        CdkOut = SynthesizedApp.Offline.OutDir;
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
    }
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "Local engine";
}
