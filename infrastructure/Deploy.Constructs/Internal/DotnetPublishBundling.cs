using System.Diagnostics;
using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;

namespace Deploy.Constructs.Internal;

/// <summary>
/// Bundles a handler at synth time with the local .NET SDK: <c>dotnet publish</c> (framework-dependent,
/// ReadyToRun) straight into the asset's output directory. Build intermediates go to a private artifacts
/// folder so synth never races a build of the same projects; a file lock serializes concurrent synths.
/// packaging/HandlerPackaging.targets publishes the handlers into the package with the same arguments: change both together.
/// It bundles or throws with the reason; it never returns false, so the CDK never falls back to bundling in Docker.
/// </summary>
internal sealed class DotnetPublishBundling : DeputyBase, ILocalBundling
{
    /// <summary>Version of the publish arguments below; part of the asset hash.</summary>
    public const string Recipe = "r2r-nosymbols-1";

    private readonly string _project;
    private readonly string _runtimeIdentifier;

    public DotnetPublishBundling(string project, string runtimeIdentifier)
    {
        _project = project;
        _runtimeIdentifier = runtimeIdentifier;
    }

    public bool TryBundle(string outputDir, IBundlingOptions options)
    {
        var artifacts = Path.Combine(Path.GetTempPath(), "deploy-handler-bundling", HandlerSource.Fingerprint(_project));
        Directory.CreateDirectory(artifacts);
        using var gate = AcquireLock(Path.Combine(artifacts, ".lock"));

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "publish", _project, "--configuration", "Release", "--runtime", _runtimeIdentifier,
                     "--self-contained", "false", "--output", outputDir, "--artifacts-path", artifacts,
                     "-p:PublishReadyToRun=true", "-p:TreatWarningsAsErrors=true", "--nologo",
                     // Symbols and XML docs are a quarter of the package and of no use to the Lambda runtime.
                     "-p:DebugType=none", "-p:GenerateDocumentationFile=false",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        // A nested build must not reuse the MSBuild node of a parent `dotnet run`/`dotnet test`.
        start.Environment["MSBUILDNOINPROCNODE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";

        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"Bundling handler {Path.GetFileName(_project)} needs the .NET SDK's `dotnet` on PATH to run `dotnet publish`: {e.Message}", e);
        }

        using var process = started ?? throw new InvalidOperationException("Could not start `dotnet publish` to bundle a handler.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Bundling handler {Path.GetFileName(_project)} failed: `dotnet publish` exited with {process.ExitCode}.\n{stdout.Result}\n{stderr.Result}");
        }

        return true;
    }

    private static FileStream AcquireLock(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 1200)
            {
                Thread.Sleep(250);
            }
        }
    }
}
