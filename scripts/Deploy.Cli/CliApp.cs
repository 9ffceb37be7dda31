using System.CommandLine;
using Deploy.Cli.Commands;
using Deploy.StepFunctions;

namespace Deploy.Cli;

/// <summary>The <c>deploy-pipeline</c> command line: its verbs, global options, and the mapping of failures to exit codes.</summary>
public static class CliApp
{
    /// <summary>Builds the root command with its global options and every verb (the fuzz test enumerates them from here).</summary>
    public static CliRoot CreateRoot(TextWriter stdout, TextWriter stderr, Func<StepFunctionsClientOptions, IStepFunctionsClient>? clientFactory = null)
    {
        var globals = new GlobalOptions();
        var root = new CliRoot(globals);
        foreach (var option in globals.All)
        {
            root.Options.Add(option);
        }

        var verbs = new Verbs(globals, stdout, stderr, clientFactory);
        foreach (var command in new[]
                 {
                     DeployCommand.Create(verbs), WatchCommand.Create(verbs), StatusCommand.Create(verbs), HealthCommand.Create(verbs), InfoCommand.Create(verbs),
                     ApprovalCommands.Create(verbs, approve: true), ApprovalCommands.Create(verbs, approve: false),
                     PromoteCommand.Create(verbs), RollbackCommand.Create(verbs), AbortCommand.Create(verbs), UnlockCommand.Create(verbs), HistoryCommand.Create(verbs), GraphCommand.Create(verbs), CompletionCommand.Create(verbs),
                 })
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Runs the CLI with <paramref name="args"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr,
        Func<StepFunctionsClientOptions, IStepFunctionsClient>? clientFactory = null, CancellationToken cancellationToken = default)
    {
        if (clientFactory is null && !args.Any(a => a is "--help" or "-h" or "-?" or "--version"))
        {
            // The first API call's one-time work overlaps the parsing below (a CLI process makes few calls).
            StepFunctionsClient.PrepareFirstCall();
        }

        var root = CreateRoot(stdout, stderr, clientFactory);
        CliOutput? output = null;
        try
        {
            var result = root.Parse(args);
            // The verbs write their own document; this one is for a parse error, or a bug that escapes a verb.
            output = CliOutput.For(result, root.Globals, stdout, stderr);
            if (result.Errors.Count > 0)
            {
                foreach (var error in result.Errors)
                {
                    await stderr.WriteLineAsync("error: " + error.Message);
                }

                var help = $"Run 'deploy-pipeline {result.CommandResult.Command.Name} --help' for the options.".Replace("deploy-pipeline deploy-pipeline", "deploy-pipeline", StringComparison.Ordinal);
                await stderr.WriteLineAsync(help);
                output.Failure(CliErrorNames.UsageError, string.Join(" ", result.Errors.Select(e => e.Message).Append(help)));
                output.Complete((int)ExitCode.UsageError);
                return (int)ExitCode.UsageError;
            }

            // Verbs map their own failures and write their JSON document (Verbs.Run); what escapes is a bug, reported below as one paragraph.
            return await result.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var message = Verbs.Unexpected(e);
            await stderr.WriteLineAsync("error: " + message);
            output?.Failure(CliErrorNames.Unexpected, message);
            output?.Complete((int)ExitCode.Unexpected);
            return (int)ExitCode.Unexpected;
        }
    }
}

/// <summary>What every verb needs to build its action: the global options, the writers, the client factory.</summary>
public sealed class Verbs(GlobalOptions globals, TextWriter stdout, TextWriter stderr, Func<StepFunctionsClientOptions, IStepFunctionsClient>? clientFactory)
{
    /// <summary>The global options.</summary>
    public GlobalOptions Globals { get; } = globals;

    /// <summary>
    /// Runs a verb's body with the expected failures mapped to one-paragraph messages (stderr) and exit codes, then writes
    /// its JSON document (with <c>--output json</c>: exactly one, the result and, for a non-zero exit code, the error).
    /// </summary>
    public async Task<int> Run(ParseResult result, Func<CliContext, Task<ExitCode>> body)
    {
        var output = CliOutput.For(result, Globals, stdout, stderr);
        var code = await Guarded(output, result, body);
        output.Complete(code);
        return code;
    }

    private async Task<int> Guarded(CliOutput output, ParseResult result, Func<CliContext, Task<ExitCode>> body)
    {
        try
        {
            return (int)await body(new CliContext(result, Globals, output, stderr, clientFactory));
        }
        catch (CliException e)
        {
            output.Error(e.Name, e.Message);
            return (int)e.Code;
        }
        catch (StepFunctionsException e) when (e.Kind is StepFunctionsErrorKind.ExecutionDoesNotExist or StepFunctionsErrorKind.InvalidArn)
        {
            // A mistyped or foreign ARN is the operator's input, not AWS failing: a usage error, like an unknown environment.
            output.Error(CliErrorNames.Of(e), $"{AwsMessages.Explain(e)} Check the ARN (deploy-pipeline history --env <env> lists the deployments) and --region / --endpoint-url.");
            return (int)ExitCode.UsageError;
        }
        catch (StepFunctionsException e)
        {
            // NoCredentialsException is one too: its message says where credentials were looked for.
            output.Error(CliErrorNames.Of(e), e is NoCredentialsException ? e.Message : AwsMessages.Explain(e));
            return (int)ExitCode.AwsError;
        }
        catch (HttpRequestException e)
        {
            output.Error(CliErrorNames.NetworkError, $"Could not reach the Step Functions endpoint: {e.Message}. Check --endpoint-url / --region and your network.");
            return (int)ExitCode.AwsError;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            output.Error(CliErrorNames.Unexpected, Unexpected(e));
            return (int)ExitCode.Unexpected;
        }
    }

    /// <summary>
    /// A bug, not an operator error: still one paragraph, without the exception's type or stack trace unless
    /// DEPLOY_PIPELINE_DEBUG=1 asks for them.
    /// </summary>
    public static string Unexpected(Exception e) =>
        Environment.GetEnvironmentVariable("DEPLOY_PIPELINE_DEBUG") == "1"
            ? "unexpected error (a bug): " + e
            : $"unexpected error (a bug; run again with DEPLOY_PIPELINE_DEBUG=1 for the details and report it): {e.Message.ReplaceLineEndings(" ")}";
}
