using System.CommandLine;
using System.Text.Json.Nodes;
using Deploy.Cli.Pipeline;

namespace Deploy.Cli.Commands;

/// <summary>
/// <c>abort</c>: stops the running deployment at once, in any phase, and waits for its Recovery to put 100 % of traffic
/// back on the live color (see <see cref="Abort"/>).
/// </summary>
public static class AbortCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(Verbs verbs)
    {
        var env = Options.Environment();
        var reason = new Option<string>("--reason") { Description = "Why (recorded with the stop and notified).", Required = true };
        var timeout = Options.Timeout();
        timeout.Description = "How long to wait for the recovery to put traffic back, e.g. 5m (default 10m).";
        var command = new Command("abort", "Stop the running deployment in --env now, in any phase, and put 100% of traffic back on the live color.")
        {
            env, reason, timeout,
        };
        command.SetAction((result, ct) => verbs.Run(result, async context =>
        {
            var machines = await context.Gateway.LocateAsync(context.Application, result.GetValue(env)!, ct);
            var running = await context.Gateway.RunningDeploymentsAsync(machines, ct);
            if (running.Count == 0)
            {
                throw new CliException(ExitCode.UsageError, $"Nothing to abort in {machines.Application}/{machines.Environment}: no deployment is running.", CliErrorNames.NothingToDo);
            }

            return await AbortAll(context, machines, running, result.GetValue(reason)!, result.GetValue(timeout), ct);
        }));
        return command;
    }

    /// <summary>Aborts every running deployment (normally one: the lock admits one) and reports; shared with <c>rollback</c>.</summary>
    public static async Task<ExitCode> AbortAll(CliContext context, PipelineMachines machines, IReadOnlyList<ExecutionView> running, string reason,
        TimeSpan? timeout, CancellationToken ct)
    {
        var worst = ExitCode.Success;
        var aborts = new JsonArray();
        foreach (var deployment in running)
        {
            var outcome = await Abort.RunAsync(context.Gateway, machines, deployment, CliContext.User, reason, timeout ?? TimeSpan.FromMinutes(10), ct);
            aborts.Add(outcome.Json());
            if (outcome.Code == ExitCode.Success)
            {
                context.Output.Line(outcome.Message);
            }
            else
            {
                context.Output.Error(outcome.ErrorName, outcome.Message);
                worst = outcome.Code;
            }
        }

        context.Output.Result(new JsonObject { ["restored"] = worst == ExitCode.Success, ["aborts"] = aborts });
        return worst;
    }
}
