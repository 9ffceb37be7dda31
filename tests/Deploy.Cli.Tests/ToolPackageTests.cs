using System.Diagnostics;
using Deploy.Cli.Tests.TestSupport;

namespace Deploy.Cli.Tests;

/// <summary>The CLI as operators install it: a .NET tool packed from this repository, and its shell completion.</summary>
public class ToolPackageTests
{
    [Fact]
    public async Task Completion_Bash_CompletesVerbsOptionsAndOptionValuesFromTheCliItself()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "deploy-pipeline.dll");
        // The script as a user sources it, with deploy-pipeline resolving to this build.
        var script = $$"""
            deploy-pipeline() { dotnet '{{dll}}' "$@"; }
            source <(deploy-pipeline completion bash)
            ask() { COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}; read -ra COMP_WORDS <<< "$1"; [[ "$1" == *" " ]] && COMP_WORDS+=(""); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _deploy_pipeline_complete; echo "$1 => ${COMPREPLY[*]}"; }
            ask "deploy-pipeline pro"
            ask "deploy-pipeline promote --f"
            ask "deploy-pipeline --output "
            """;

        var (code, output, error) = await Run("bash", ["-c", script]);

        Assert.True(code == 0, error);
        Assert.Contains("deploy-pipeline pro => promote\n", output, StringComparison.Ordinal);
        Assert.Contains("deploy-pipeline promote --f => --force --from\n", output, StringComparison.Ordinal);
        Assert.Contains("deploy-pipeline --output  => json text\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completion_UnknownShell_IsAUsageError()
    {
        var (code, _, error) = await CliRunner.Run(null, "completion", "fish");

        Assert.Equal(2, code);
        Assert.Contains("'fish' not recognized", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_ThenToolInstallFromTheLocalPackage_GivesADeployPipelineCommandWithItsOwnVersion()
    {
        var work = Directory.CreateTempSubdirectory("deploy-pipeline-tool-");
        try
        {
            var packages = Path.Combine(work.FullName, "packages");
            var tools = Path.Combine(work.FullName, "tools");
            var project = Path.Combine(Repository.Root, "scripts", "Deploy.Cli", "Deploy.Cli.csproj");

            var pack = await Run("dotnet", ["pack", project, "-c", "Release", "-o", packages, "--nologo"]);
            Assert.True(pack.Code == 0, pack.Out + pack.Err);
            var install = await Run("dotnet", ["tool", "install", "Deploy.Pipeline.Cli", "--tool-path", tools, "--add-source", packages, "--version", "0.9.0"]);
            Assert.True(install.Code == 0, install.Out + install.Err);
            var tool = Path.Combine(tools, "deploy-pipeline");

            // The tool's own version (not deploy --version, which is the application version to deploy).
            var version = await Run(tool, ["--version"]);
            var help = await Run(tool, ["promote", "--help"]);

            Assert.Equal(0, version.Code);
            Assert.StartsWith("0.9.0", version.Out.Trim(), StringComparison.Ordinal);
            Assert.Equal(0, help.Code);
            Assert.Contains("--from", help.Out, StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<(int Code, string Out, string Err)> Run(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        OfflineEnvironment.ApplyTo(start);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
