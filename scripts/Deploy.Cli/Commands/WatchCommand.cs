using System.CommandLine;
using Deploy.Cli.Pipeline;

namespace Deploy.Cli.Commands;

/// <summary>
/// <c>watch</c>: follows the environment's running deployment to its end, as <c>deploy --wait</c> does (live line on a
/// terminal, a line per change otherwise), and exits with its outcome. Ctrl-C stops watching, never the deployment.
/// </summary>
public static class WatchCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(Verbs verbs)
    {
        var env = Options.Environment();
        var timeout = Options.Timeout();
        timeout.Description = "How long to watch, e.g. 45m, 2h, 90s (default 2h). The deployment goes on after the CLI gives up.";
        var command = new Command("watch", "Follow the running deployment of --env to its end; the exit code tells its outcome. Ctrl-C stops watching, not the deployment.")
        {
            env, timeout,
        };
        command.SetAction((result, ct) => verbs.Run(result, async context =>
        {
            var machines = await context.Gateway.LocateAsync(context.Application, result.GetValue(env)!, ct);
            var running = (await context.Gateway.RunningDeploymentsAsync(machines, ct)).MaxBy(d => d.Start);
            if (running is null)
            {
                var latest = (await context.Gateway.DeploymentsAsync(machines, 1, ct)) is [var first, ..] ? first : null;
                throw new CliException(ExitCode.UsageError, latest is null
                    ? $"Nothing to watch in {machines.Application}/{machines.Environment}: no deployment yet."
                    : $"Nothing to watch in {machines.Application}/{machines.Environment}: no deployment is running; the latest, {latest.Name}, ended {latest.Status} ({Outcomes.Of(latest)}). See it with: deploy-pipeline status --execution-arn {latest.Arn}",
                    CliErrorNames.NothingToDo);
            }

            context.Output.Line($"Watching {running.Name} (version {DeployInput.Read(running.Input, r => r.Version)}) in {machines.Application}/{machines.Environment}; Ctrl-C stops watching, not the deployment.");
            var ended = await ExecutionWatcher.WaitAsync(context, machines, running.Arn, result.GetValue(timeout), ct);
            return await Report.EndedAsync(context, machines, ended, result.GetValue(timeout), ct);
        }));
        return command;
    }
}
