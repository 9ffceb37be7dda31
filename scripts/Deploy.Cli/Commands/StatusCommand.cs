using System.CommandLine;
using System.Text.Json.Nodes;
using Deploy.Cli.Pipeline;

namespace Deploy.Cli.Commands;

/// <summary><c>status</c>: one execution (given, or the environment's latest deployment), optionally state by state.</summary>
public static class StatusCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(Verbs verbs)
    {
        var arn = new Option<string?>("--execution-arn") { Description = "The execution. Default: the latest deployment of --env." };
        var env = Options.Environment(required: false);
        var detailed = new Option<bool>("--detailed") { Description = "List every state with its duration, the weights and the health verdicts seen." };
        var command = new Command("status", "Show a deployment: status, current state, weights, health; --detailed lists the states.") { arn, env, detailed };
        command.SetAction((result, ct) => verbs.Run(result, async context =>
        {
            var executionArn = result.GetValue(arn);
            var envName = result.GetValue(env);
            if (executionArn is null && envName is null)
            {
                throw new CliException(ExitCode.UsageError, "status needs --execution-arn, or --env to show the environment's latest deployment.");
            }

            if (executionArn is not null && envName is not null && PipelineGateway.EnvironmentOfExecution(context.Application, executionArn) is var owner && owner != envName)
            {
                throw new CliException(ExitCode.UsageError,
                    $"--execution-arn is an execution of {context.Application}/{owner} but --env says {envName}: give one of them (--execution-arn alone names its environment).");
            }

            PipelineMachines machines;
            ExecutionView? newer = null;
            if (executionArn is null)
            {
                machines = await context.Gateway.LocateAsync(context.Application, envName!, ct);
                // The running deployment first: a newer one that was refused (or rejected) must not hide it.
                var running = (await context.Gateway.RunningDeploymentsAsync(machines, ct)).MaxBy(d => d.Start);
                newer = (await context.Gateway.DeploymentsAsync(machines, 1, ct)).FirstOrDefault();
                executionArn = running?.Arn ?? newer?.Arn
                    ?? throw new CliException(ExitCode.UsageError, $"No deployment of {context.Application}/{envName} yet.");
            }
            else
            {
                machines = await context.Gateway.MachinesOfExecutionAsync(context.Application, executionArn, ct);
            }

            var execution = await context.Gateway.DescribeAsync(executionArn, ct);
            var facts = await context.Gateway.FactsAsync(machines, ct);
            var insight = ExecutionInsight.From(await context.Gateway.HistoryAsync(executionArn, ct), facts.TargetGroupColors, execution.Stop ?? DateTimeOffset.UtcNow);
            var json = Report.Json(execution);
            json["version"] = execution.Input?["version"]?.DeepClone();
            json["currentState"] = insight.CurrentState;
            json["weights"] = new JsonObject(insight.Weights.Select(w => KeyValuePair.Create(w.Key, (JsonNode?)w.Value)));
            json["health"] = insight.Verdict is { } v ? new JsonObject { ["status"] = v.Status, ["reasons"] = new JsonArray(v.Reasons.Select(r => (JsonNode?)r).ToArray()) } : null;
            json["awaitingApproval"] = insight.PendingApprovalToken is not null;
            if (result.GetValue(detailed))
            {
                json["states"] = new JsonArray(insight.States.Select(s => (JsonNode?)new JsonObject
                {
                    ["name"] = s.State,
                    ["entered"] = s.Entered.ToString("O"),
                    ["seconds"] = Math.Round(s.Duration.TotalSeconds, 1),
                }).ToArray());
            }

            context.Output.Line($"{execution.Name}  {execution.Status} ({Outcomes.Of(execution)})  version {execution.Input?["version"]}  {Report.Format(execution.Elapsed(DateTimeOffset.UtcNow))}");
            if (execution.Input?["requestedBy"] is { } requestedBy)
            {
                context.Output.Line($"  requested by {requestedBy}" + (execution.Input?["reason"] is { } why ? $": {why}" : string.Empty));
            }

            if (insight.Approval is { } answer)
            {
                context.Output.Line($"  approval: {answer}");
            }

            json["requestedBy"] = execution.Input?["requestedBy"]?.DeepClone();
            json["reason"] = execution.Input?["reason"]?.DeepClone();
            json["approval"] = insight.Approval?.Json();
            var (weights, record) = await context.Gateway.WeightsAndRecordAsync(machines, ct);
            var trafficOn = weights.FirstOrDefault(w => w.Value == 100).Key;
            json["record"] = record?.Json();
            context.Output.Line($"  lock: {record?.LockLine() ?? "unknown (the state item could not be read)"}; previous color: {record?.PreviousLine(trafficOn) ?? "unknown"}");
            if (newer is not null && newer.Arn != execution.Arn)
            {
                context.Output.Line($"  a newer deployment {newer.Name} ended {newer.Status} ({newer.Error}): deploy-pipeline status --execution-arn {newer.Arn}");
            }

            context.Output.Line("  " + ExecutionWatcher.Line(execution, insight, machines.Environment));
            if (execution.Error is not null)
            {
                context.Output.Line($"  {execution.Error}: {execution.Cause}");
            }

            if (insight.Verdict is { } verdict)
            {
                context.Output.Line($"  last health verdict: {verdict.Status}" + (verdict.Reasons.Count > 0 ? " — " + string.Join("; ", verdict.Reasons) : string.Empty));
            }

            if (result.GetValue(detailed))
            {
                foreach (var (state, entered, duration) in insight.States)
                {
                    context.Output.Line($"    {entered:HH:mm:ss}  {Report.Format(duration),8}  {state}");
                }
            }

            var code = execution.Ended ? Outcomes.ExitCodeOf(execution) : ExitCode.Success;
            if (Aftermath.Applies(machines, execution))
            {
                // Stopped, timed out or failed unexpectedly: the execution that puts traffic back says how it ended.
                var restorer = await context.Gateway.RecoveryOfAsync(machines, execution.Arn, execution.Start, ct);
                var (judged, message) = Aftermath.Judge(execution, restorer);
                context.Output.Line("  " + message);
                json["recovery"] = restorer is null ? null : Report.Json(restorer);
                code = judged == ExitCode.WaitTimedOut ? code : judged;
            }

            context.Output.Result(json);
            return code;
        }));
        return command;
    }
}
