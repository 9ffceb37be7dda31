using System.CommandLine;
using System.Text.Json.Nodes;
using Deploy.Cli.Pipeline;
using Deploy.Contracts;

namespace Deploy.Cli.Commands;

/// <summary>
/// <c>unlock</c>: starts the Unlock state machine, which frees the environment lock only when its holder is not running
/// (DescribeExecution), and reports what it did: released (naming the holder and how it ended), nothing to unlock, or the
/// refusal naming the holder and its state.
/// </summary>
public static class UnlockCommand
{
    /// <summary>How long the verb waits for the outcome by default (an unlock takes seconds; its tasks retry for minutes at most).</summary>
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Builds the verb.</summary>
    public static Command Create(Verbs verbs)
    {
        var env = Options.Environment();
        var reason = new Option<string>("--reason") { Description = "Why the lock is freed (recorded in the state item as lastUnlock, and notified).", Required = true };
        var wait = new Option<bool>("--wait")
        {
            Description = "Wait for the outcome. This is what unlock always does (it ends within seconds and its outcome is the answer); accepted for symmetry with deploy.",
        };
        var timeout = Options.Duration("--timeout", "How long to wait for the outcome, e.g. 90s or 5m (default 5m). The unlock goes on after the CLI gives up.");
        var command = new Command("unlock", "Free the environment lock if its holder is not running (checked with DescribeExecution); refused while it runs.")
        {
            env, reason, wait, timeout,
        };
        command.SetAction((result, ct) => verbs.Run(result, async context =>
        {
            var why = result.GetValue(reason)!.Trim();
            if (why.Length == 0)
            {
                throw new CliException(ExitCode.UsageError, "--reason: say why the lock is freed (it is recorded and notified), e.g. --reason \"lock left after RecoveryFailed, INC-42\".");
            }

            var machines = await context.Gateway.LocateAsync(context.Application, result.GetValue(env)!, ct);
            var where = $"{machines.Application}/{machines.Environment}";
            var unlock = machines.Unlock ?? throw new CliException(ExitCode.UsageError,
                $"{where} has no Unlock state machine ({machines.Application}-{machines.Environment}-unlock): deploy the stack with a version of the constructs that has it.");
            var arn = await context.Gateway.StartAsync(unlock, new UnlockRequest(why, CliContext.User).ToJson(), null, ct);
            var deadline = DateTimeOffset.UtcNow + (result.GetValue(timeout) ?? DefaultTimeout);
            var execution = await context.Gateway.DescribeAsync(arn, ct);
            var polls = 0;
            while (!execution.Ended)
            {
                if (DateTimeOffset.UtcNow > deadline)
                {
                    context.Output.Result(Report.Json(execution));
                    throw new CliException(ExitCode.WaitTimedOut, $"The unlock is still running (its tasks retry while AWS throttles or fails): aws stepfunctions describe-execution --execution-arn {arn}");
                }

                await Task.Delay(CliContext.PollDelay(++polls), ct);
                execution = await context.Gateway.DescribeAsync(arn, ct);
            }

            return Reported(context, where, execution);
        }));
        return command;
    }

    /// <summary>Prints the ended Unlock execution (text or JSON) and returns its exit code.</summary>
    private static ExitCode Reported(CliContext context, string where, ExecutionView execution)
    {
        var unlocked = execution.Status == "SUCCEEDED" ? UnlockResult.From(execution.Output) : null;
        var refused = execution.Error is DeployErrors.LockHolderRunning or DeployErrors.LockHolderChanged;
        var outcome = unlocked?.Outcome ?? (refused ? "Refused" : "Failed");
        var json = Report.Json(execution);
        json["outcome"] = outcome;
        json[UnlockResult.HolderField] = unlocked?.Holder;
        json[UnlockResult.HolderStatusField] = unlocked?.HolderStatus;
        context.Output.Result(json);
        switch (outcome)
        {
            case UnlockResult.Released:
                context.Output.Line(unlocked!.HolderStatus == UnlockResult.HolderDoesNotExist
                    ? $"Lock released (held by {unlocked.Holder}, which does not exist)."
                    : $"Lock released (held by {unlocked.Holder}, which ended {unlocked.HolderStatus}).");
                context.Output.Line($"Recorded in {where}'s state as lastUnlock and notified (LockReleased). A stopped holder's traffic is its Recovery's to put back: check with deploy-pipeline info.");
                return ExitCode.Success;
            case UnlockResult.NotLocked:
                throw new CliException(ExitCode.UsageError, $"Nothing to unlock in {where}: the lock is free.", CliErrorNames.NothingToDo);
            case "Refused":
                context.Output.Error(execution.Error!, $"Unlock refused ({execution.Error}): {execution.Cause}");
                return ExitCode.DeploymentFailed;
            default:
                context.Output.Error(execution.Error ?? CliErrorNames.DeploymentFailed,
                    $"Unlock failed ({execution.Error ?? execution.Status}): {execution.Cause ?? "no cause given"}. Run unlock again to see whether the lock is still held.");
                return ExitCode.DeploymentFailed;
        }
    }
}
