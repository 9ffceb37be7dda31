using System.CommandLine;
using Deploy.Cli.Commands;
using Deploy.StepFunctions;

namespace Deploy.Cli;

/// <summary>The <c>deploy-pipeline</c> command line: its verbs, global options, and the mapping of failures to exit codes.</summary>
public static class CliApp
{
    /// <summary>Builds the root command with its global options and every verb (the fuzz test enumerates them from here).</summary>
    public static RootCommand CreateRoot(TextWriter stdout, TextWriter stderr, Func<StepFunctionsClientOptions, IStepFunctionsClient>? clientFactory = null)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand("deploy-pipeline: start, watch, approve and roll back blue/green deployments (Step Functions API only).");
        foreach (var option in globals.All)
        {
            root.Options.Add(option);
        }

        var verbs = new Verbs(globals, stdout, stderr, clientFactory);
        foreach (var command in new[]
                 {
                     DeployCommand.Create(verbs), WatchCommand.Create(verbs), StatusCommand.Create(verbs), HealthCommand.Create(verbs), InfoCommand.Create(verbs),
                     ApprovalCommands.Create(verbs, approve: true), ApprovalCommands.Create(verbs, approve: false),
                     PromoteCommand.Create(verbs), RollbackCommand.Create(verbs), AbortCommand.Create(verbs), UnlockCommand.Create(verbs), HistoryCommand.Create(verbs), GraphCommand.Create(verbs), CompletionCommand.Create(),
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
        var root = CreateRoot(stdout, stderr, clientFactory);
        try
        {
            var result = root.Parse(args);
            if (result.Errors.Count > 0)
            {
                foreach (var error in result.Errors)
                {
                    await stderr.WriteLineAsync("error: " + error.Message);
                }

                await stderr.WriteLineAsync($"Run 'deploy-pipeline {result.CommandResult.Command.Name} --help' for the options.".Replace("deploy-pipeline deploy-pipeline", "deploy-pipeline", StringComparison.Ordinal));
                return (int)ExitCode.UsageError;
            }

            // Verbs map their own failures (Verbs.Run); what escapes is a bug, reported below as one paragraph.
            return await result.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await stderr.WriteLineAsync(Verbs.Unexpected(e));
            return (int)ExitCode.Unexpected;
        }
    }
}

/// <summary>What every verb needs to build its action: the global options, the writers, the client factory.</summary>
public sealed class Verbs(GlobalOptions globals, TextWriter stdout, TextWriter stderr, Func<StepFunctionsClientOptions, IStepFunctionsClient>? clientFactory)
{
    /// <summary>The global options.</summary>
    public GlobalOptions Globals { get; } = globals;

    /// <summary>Runs a verb's body with the expected failures mapped to one-paragraph messages and exit codes.</summary>
    public async Task<int> Run(ParseResult result, Func<CliContext, Task<ExitCode>> body)
    {
        CliContext context;
        try
        {
            context = new CliContext(result, Globals, stdout, stderr, clientFactory);
        }
        catch (CliException e)
        {
            await stderr.WriteLineAsync("error: " + e.Message);
            return (int)e.Code;
        }

        try
        {
            return (int)await body(context);
        }
        catch (CliException e)
        {
            context.Output.Error(e.Message);
            return (int)e.Code;
        }
        catch (NoCredentialsException e)
        {
            context.Output.Error(e.Message);
            return (int)ExitCode.AwsError;
        }
        catch (StepFunctionsException e) when (e.Kind is StepFunctionsErrorKind.ExecutionDoesNotExist or StepFunctionsErrorKind.InvalidArn)
        {
            // A mistyped or foreign ARN is the operator's input, not AWS failing: a usage error, like an unknown environment.
            context.Output.Error($"{AwsMessages.Explain(e)} Check the ARN (deploy-pipeline history --env <env> lists the deployments) and --region / --endpoint-url.");
            return (int)ExitCode.UsageError;
        }
        catch (StepFunctionsException e)
        {
            context.Output.Error(AwsMessages.Explain(e));
            return (int)ExitCode.AwsError;
        }
        catch (HttpRequestException e)
        {
            context.Output.Error($"Could not reach the Step Functions endpoint: {e.Message}. Check --endpoint-url / --region and your network.");
            return (int)ExitCode.AwsError;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await stderr.WriteLineAsync(Unexpected(e));
            return (int)ExitCode.Unexpected;
        }
    }

    /// <summary>
    /// A bug, not an operator error: still one paragraph, without the exception's type or stack trace unless
    /// DEPLOY_PIPELINE_DEBUG=1 asks for them.
    /// </summary>
    public static string Unexpected(Exception e) =>
        Environment.GetEnvironmentVariable("DEPLOY_PIPELINE_DEBUG") == "1"
            ? "error: unexpected error (a bug): " + e
            : $"error: unexpected error (a bug; run again with DEPLOY_PIPELINE_DEBUG=1 for the details and report it): {e.Message.ReplaceLineEndings(" ")}";
}
