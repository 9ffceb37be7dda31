using System.Diagnostics;
using System.Text;

namespace Deploy.Conformance.Tests.TestSupport;

/// <summary>
/// The python3 on PATH with boto3 and moto, as this machine kind provides (moto 5.2, boto3 and botocore 1.43). Every
/// process it starts gets dummy credentials and a region, never the caller's, and is bounded in time.
/// </summary>
internal static class Python
{
    private static readonly Lazy<string> Checked = new(Check);

    /// <summary>python3, after checking that boto3 and moto import; otherwise a clear exception.</summary>
    public static string Executable => Checked.Value;

    /// <summary>A start info for python3 with <paramref name="arguments"/>, dummy credentials and no AWS profile.</summary>
    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The offline environment (no instance metadata), then dummy credentials: moto accepts any; no real profile is ever consulted.
        OfflineEnvironment.ApplyTo(start);
        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        start.Environment["AWS_SESSION_TOKEN"] = "testing";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment.Remove("AWS_PROFILE");
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["PYTHONUNBUFFERED"] = "1";
        return start;
    }

    /// <summary>Runs python3 with <paramref name="arguments"/>, <paramref name="stdin"/> on its input; its output, or an exception with its errors.</summary>
    public static string Run(TimeSpan timeout, string stdin, params string[] arguments)
    {
        var result = ProcessRunner.Run(StartInfo(arguments), timeout, stdin);
        return result.ExitCode == 0
            ? result.StdOut
            : throw new InvalidOperationException($"python3 {string.Join(' ', arguments)} failed (exit code {result.ExitCode}): {ProcessRunner.Tail(result.StdErr)}");
    }

    private static string Check()
    {
        const string probe = "import boto3, botocore, moto; print(moto.__version__, boto3.__version__)";
        try
        {
            var result = ProcessRunner.Run("python3", ["-c", probe], TimeSpan.FromSeconds(30));
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"The conformance suite needs python3 with boto3 and moto 5.2 (pip install 'moto[server]==5.2.*' boto3); importing them failed: {ProcessRunner.Tail(result.StdErr)}");
            }

            var version = result.StdOut.Trim().Split(' ')[0];
            if (!version.StartsWith("5.", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The conformance suite is pinned to moto 5.x (its accepted differences are moto 5.2's); found moto {version}.");
            }

            return "python3";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"The conformance suite needs python3 on PATH (with boto3 and moto 5.2): {e.Message}", e);
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException("python3 did not answer within 30 s.", e);
        }
    }
}
