using System.CommandLine;
using Deploy.Cli.Pipeline;
using Deploy.Contracts;
using Deploy.Contracts.Flows;

namespace Deploy.Cli.Commands;

/// <summary><c>rollback</c>: starts the Rollback state machine (operator trigger) and reports what it did.</summary>
public static class RollbackCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(Verbs verbs)
    {
        var env = Options.Environment();
        var reason = new Option<string>("--reason") { Description = "Why (recorded and notified).", Required = true };
        var timeout = Options.Timeout();
        var command = new Command("rollback", "Put 100% of traffic back on the previous color, if it is still warm; during a deployment, abort it.") { env, reason, timeout };
        command.SetAction((result, ct) => verbs.Run(result, async context =>
        {
            var machines = await context.Gateway.LocateAsync(context.Application, result.GetValue(env)!, ct);
            // During a deployment a rollback is an abort: the deployment stops now and its Recovery puts traffic back.
            var running = await context.Gateway.RunningDeploymentsAsync(machines, ct);
            if (running.Count > 0)
            {
                return await AbortCommand.AbortAll(context, machines, running, result.GetValue(reason)!, result.GetValue(timeout), ct);
            }

            var input = RollbackRequest.ByOperator(result.GetValue(reason)!, CliContext.User).ToJson();
            var arn = await context.Gateway.StartAsync(machines.Rollback, input, null, ct);
            var deadline = DateTimeOffset.UtcNow + (result.GetValue(timeout) ?? TimeSpan.FromMinutes(10));
            var execution = await context.Gateway.DescribeAsync(arn, ct);
            var polls = 0;
            while (!execution.Ended)
            {
                if (DateTimeOffset.UtcNow > deadline)
                {
                    context.Output.Result(Report.Json(execution));
                    throw new CliException(ExitCode.WaitTimedOut, $"The rollback is still running: deploy-pipeline status --execution-arn {arn}");
                }

                await Task.Delay(CliContext.PollDelay(++polls), ct);
                execution = await context.Gateway.DescribeAsync(arn, ct);
            }

            context.Output.Result(Report.Json(execution));
            if (execution.Error == "Deploy.RolledBack")
            {
                context.Output.Line(execution.Cause ?? "Rolled back.");
                return ExitCode.Success;
            }

            if (execution.Error is not null)
            {
                context.Output.Error(execution.Error, $"Rollback failed ({execution.Error}): {execution.Cause}");
                return ExitCode.DeploymentFailed;
            }

            var restored = StatePath.Read<RollbackOutput>(execution.Output, o => o.Restored)?.GetValue<bool>();
            if (restored == false)
            {
                var why = StatePath.ReadString<RollbackOutput>(execution.Output, o => o.Reason);
                throw new CliException(ExitCode.UsageError, $"Nothing to roll back to in {machines.Application}/{machines.Environment}: {why}", CliErrorNames.NothingToDo);
            }

            context.Output.Line("Traffic restored; a deployment that started meanwhile rolls back and notifies.");
            return ExitCode.Success;
        }));
        return command;
    }
}
