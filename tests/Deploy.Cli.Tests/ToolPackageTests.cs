using Deploy.Cli.Tests.TestSupport;

namespace Deploy.Cli.Tests;

/// <summary>The CLI as operators install it: a .NET tool packed from this repository, and its shell completion.</summary>
public class ToolPackageTests
{
    [Fact]
    public void Completion_Bash_CompletesVerbsOptionsAndOptionValuesFromTheCliItself()
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

        var (code, output, error) = ProcessRunner.Run("bash", ["-c", script], TimeSpan.FromMinutes(2));

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
    public void Pack_ThenToolInstallFromTheLocalPackage_GivesADeployPipelineCommandWithItsOwnVersion()
    {
        var work = Directory.CreateTempSubdirectory("deploy-pipeline-tool-");
        try
        {
            var packages = Path.Combine(work.FullName, "packages");
            var tools = Path.Combine(work.FullName, "tools");
            var project = Path.Combine(Repository.Root, "scripts", "Deploy.Cli", "Deploy.Cli.csproj");

            var pack = Run("dotnet", ["pack", project, "-c", "Release", "-o", packages, "--nologo"]);
            Assert.True(pack.ExitCode == 0, pack.StdOut + pack.StdErr);
            var install = Run("dotnet", ["tool", "install", "Deploy.Pipeline.Cli", "--tool-path", tools, "--add-source", packages, "--version", "0.9.0"]);
            Assert.True(install.ExitCode == 0, install.StdOut + install.StdErr);
            var tool = Path.Combine(tools, "deploy-pipeline");

            // The tool's own version (not deploy --version, which is the application version to deploy).
            var version = Run(tool, ["--version"]);
            var help = Run(tool, ["promote", "--help"]);

            Assert.Equal(0, version.ExitCode);
            Assert.StartsWith("0.9.0", version.StdOut.Trim(), StringComparison.Ordinal);
            Assert.Equal(0, help.ExitCode);
            Assert.Contains("--from", help.StdOut, StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    // dotnet pack and tool install restore from the local package folder and the NuGet mirror: minutes on a busy machine.
    private static ProcessResult Run(string file, string[] args) => ProcessRunner.Run(file, args, TimeSpan.FromMinutes(10));
}
