using Deploy.LocalEngine;

namespace Deploy.Cli.Tests.TestSupport;

/// <summary>
/// The bundled app synthesized offline (once per test run, <see cref="SynthesizedApp.Offline"/>) and served by the local
/// engine (demo world) for the whole test class.
/// </summary>
public class LocalEngineFixture : IDisposable
{
    public LocalEngineFixture()
        : this(Path.Combine(Repository.Root, "scripts", "local-engine", "demo-world.json"))
    {
    }

    /// <summary>The engine seeded with <paramref name="seed"/> (a scenario file: its world, faults and behaviours).</summary>
    protected LocalEngineFixture(string seed)
    {
        OfflineEnvironment.Apply();
        // --wait polls every 20 ms here instead of every 2 s.
        Environment.SetEnvironmentVariable("DEPLOY_PIPELINE_POLL_MS", "20");
        CdkOut = SynthesizedApp.Offline.OutDir;
        Server = LocalEngineServer.Start(new LocalEngineOptions
        {
            CdkOut = CdkOut,
            Port = 0,
            RepositoryRoot = Repository.Root,
            ScenarioFile = seed,
            ApprovalTimeout = TimeSpan.FromSeconds(60),
        });
    }

    public string CdkOut { get; }

    public LocalEngineServer Server { get; }

    /// <summary>Runs the CLI in-process against the engine with the real (signed) Step Functions client.</summary>
    public Task<(int Code, string Out, string Err)> Cli(params string[] args) =>
        CliRunner.Run(null, ["--endpoint-url", Server.Url, .. args]);

    /// <summary>Polls <c>status</c> of <paramref name="arn"/> (bounded) until it waits for its approval.</summary>
    public async Task WaitForApproval(string arn)
    {
        for (var i = 0; i < 500; i++)
        {
            var (_, status, _) = await Cli("--output", "json", "status", "--execution-arn", arn);
            if (System.Text.Json.Nodes.JsonNode.Parse(status)!["awaitingApproval"]!.GetValue<bool>())
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"{arn} never waited for approval");
    }

    /// <summary>Polls <c>status</c> of <paramref name="arn"/> (bounded) until it has ended; returns that status' exit code.</summary>
    public async Task<int> WaitForEnd(string arn)
    {
        for (var i = 0; i < 500; i++)
        {
            var (code, status, _) = await Cli("--output", "json", "status", "--execution-arn", arn);
            if (System.Text.Json.Nodes.JsonNode.Parse(status)!["status"]!.GetValue<string>() != "RUNNING")
            {
                return code;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"{arn} did not end");
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Server.Dispose();
        }
    }
}
