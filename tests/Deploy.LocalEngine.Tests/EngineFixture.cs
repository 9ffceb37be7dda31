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
        var outDir = Directory.CreateTempSubdirectory("local-engine-cdk-out-").FullName;
        CdkJson.SynthesizeOffline(outDir, CdkJson.ReadContext(Path.Combine(RepositoryRoot, "cdk.json")));
        return outDir;
    }

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
