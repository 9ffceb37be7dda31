using System.CommandLine;
using System.Text.Json.Nodes;
using Deploy.Cli.Pipeline;
using Deploy.Contracts;
using Deploy.Contracts.Flows;

namespace Deploy.Cli.Commands;

/// <summary><c>approve</c> and <c>reject</c>: answer the deployment waiting at its approval step (task token from the execution history).</summary>
public static class ApprovalCommands
{
    /// <summary>Builds <c>approve</c> or <c>reject</c>.</summary>
    public static Command Create(Verbs verbs, bool approve)
    {
        var env = Options.Environment();
        var reason = new Option<string?>("--reason") { Description = approve ? "Why (recorded)." : "Why it is rejected (becomes the rollback reason)." };
        var command = new Command(approve ? "approve" : "reject",
            approve ? "Approve the deployment waiting for approval in --env: traffic starts moving." : "Reject the deployment waiting for approval in --env: it rolls back.")
        {
            env, reason,
        };
        command.SetAction((result, ct) => verbs.Run(result, async context =>
        {
            var machines = await context.Gateway.LocateAsync(context.Application, result.GetValue(env)!, ct);
            foreach (var execution in await context.Gateway.RunningDeploymentsAsync(machines, ct))
            {
                var facts = await context.Gateway.FactsAsync(machines, ct);
                var insight = ExecutionInsight.From(await context.Gateway.HistoryAsync(execution.Arn, ct), facts.TargetGroupColors, DateTimeOffset.UtcNow);
                if (insight.PendingApprovalToken is not { } token)
                {
                    continue;
                }

                var why = result.GetValue(reason) ?? (approve ? "approved" : "rejected");
                if (approve)
                {
                    await context.Gateway.ApproveAsync(token, new JsonObject { [StatePath.Name<ApprovalResult>(a => a.ApprovedBy)] = CliContext.User, [StatePath.Name<ApprovalResult>(a => a.Reason)] = why }, ct);
                }
                else
                {
                    await context.Gateway.RejectAsync(token, DeployErrors.ApprovalRejected, $"{why} (by {CliContext.User})", ct);
                }

                context.Output.Line($"{(approve ? "Approved" : "Rejected")} {execution.Name} in {machines.Application}/{machines.Environment}.");
                context.Output.Result(new JsonObject { ["executionArn"] = execution.Arn, ["decision"] = approve ? "approved" : "rejected", ["by"] = CliContext.User, ["reason"] = why });
                return ExitCode.Success;
            }

            throw new CliException(ExitCode.UsageError, $"Nothing is awaiting approval in {machines.Application}/{machines.Environment}: no running deployment is waiting at its approval step.", CliErrorNames.NothingToDo);
        }));
        return command;
    }
}
