using Deploy.StepFunctions;

namespace Deploy.Cli.Tests.TestSupport;

/// <summary>Runs the CLI in-process and captures stdout, stderr and the exit code.</summary>
internal static class CliRunner
{
    public static async Task<(int Code, string Out, string Err)> Run(IStepFunctionsClient? client, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, client is null ? null : _ => client);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
