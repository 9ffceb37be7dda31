using System.Diagnostics;

namespace Deploy.Infrastructure.Tests.TestSupport;

/// <summary>Runs the repository's tools (node, cfn-lint, the app) from its root.</summary>
internal static class RepositoryCommand
{
    public static (int ExitCode, string StdOut, string StdErr) Run(string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"] = "20";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["CDK_DISABLE_VERSION_CHECK"] = "true";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
