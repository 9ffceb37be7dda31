using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deploy.Cli.Tests.TestSupport;

namespace Deploy.Cli.Tests;

/// <summary><c>--wait</c> and <c>watch</c> as people see them: on a terminal (a pseudo-terminal of 80 columns) and in a log.</summary>
public partial class WatchEndToEndTests(LocalEngineFixture engine) : IClassFixture<LocalEngineFixture>
{
    private const string Image = "ami-0123456789abcdef0";

    [Fact]
    public void DeployWait_OnAnEightyColumnTerminal_NeverWritesALineWiderThanTheTerminal()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "deploy-pipeline.dll");
        var command = $"stty cols 80 rows 24; dotnet '{dll}' --endpoint-url {engine.Server.Url} deploy --env staging --version v5.0.0 --image-id {Image} --strategy Canary --wait";
        var (exitCode, output, _) = ProcessRunner.Run("script", ["-qec", command, "/dev/null"], TimeSpan.FromMinutes(5),
            environment: new Dictionary<string, string> { ["NO_COLOR"] = "1" });

        Assert.True(exitCode == 0, output);
        // Every piece between carriage returns and newlines is what the terminal shows on one row; the progress rows
        // (rewritten in place) must fit, or each rewrite would leave a broken line behind. Plain lines may wrap.
        var rows = output.Split('\r', '\n').Where(r => r.Length > 0).ToList();
        Assert.All(rows.Where(r => r.StartsWith('[')), r => Assert.True(r.TrimEnd().Length <= 79, $"{r.Length} columns: {r}"));
        // The progress lines were longer than the terminal (weights and verdict) and were cut, not wrapped.
        Assert.Contains(rows, r => r.StartsWith('[') && r.EndsWith('…'));
        Assert.Contains(rows, r => r.StartsWith("Deployment succeeded in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeployWait_WithoutATerminal_PrintsOneLinePerChangeNeverOnePerPoll()
    {
        var (code, output, _) = await engine.Cli("deploy", "--env", "staging", "--version", "v5.0.1", "--image-id", Image, "--strategy", "Canary", "--wait");

        Assert.Equal(0, code);
        var progress = output.Split('\n').Where(l => l.StartsWith('[')).Select(l => Clocks().Replace(l, string.Empty).TrimEnd()).ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress.Zip(progress.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public async Task Watch_RunningDeployment_FollowsItToItsEndAndGivesUpWithoutStoppingIt()
    {
        var (startCode, started, _) = await engine.Cli("--output", "json", "deploy", "--env", "production", "--version", "v5.1.0", "--image-id", Image);
        Assert.Equal(0, startCode);
        var arn = JsonNode.Parse(started)!["executionArn"]!.GetValue<string>();
        await engine.WaitForApproval(arn);

        // Gives up after --timeout: the deployment goes on, and JSON mode still names it.
        var (gaveUpCode, gaveUp, gaveUpError) = await engine.Cli("--output", "json", "watch", "--env", "production", "--timeout", "1s");
        Assert.Equal(6, gaveUpCode);
        Assert.Equal(arn, JsonNode.Parse(gaveUp)!["executionArn"]!.GetValue<string>());
        Assert.Contains("Stopped waiting after 1s; the deployment goes on (AwaitApproval). Watch it again with: deploy-pipeline watch --env production", gaveUpError, StringComparison.Ordinal);

        // Followed to its end once approved.
        var watching = engine.Cli("watch", "--env", "production", "--timeout", "5m");
        Assert.Equal(0, (await engine.Cli("approve", "--env", "production", "--reason", "watch test")).Code);
        var (code, output, error) = await watching;
        Assert.True(code == 0, output + error);
        Assert.StartsWith($"Watching {arn.Split(':')[^1]} (version v5.1.0) in webapp/production", output, StringComparison.Ordinal);
        Assert.Contains("Deployment succeeded in", output, StringComparison.Ordinal);

        var (noneCode, _, none) = await engine.Cli("watch", "--env", "production");
        Assert.Equal(2, noneCode);
        Assert.Contains("Nothing to watch in webapp/production: no deployment is running; the latest, ", none, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\[\d\d:\d\d\]|\s\d+(h \d\dm|m \d\ds|s)(?=\s)")]
    private static partial Regex Clocks();
}
