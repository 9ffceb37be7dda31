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
        var detailed = new Option<bool>("--detailed") { Description = "Show the deployment's timeline: each phase and traffic step with its start, duration, weights, verdicts and answers." };
        var states = new Option<bool>("--states") { Description = "List every state the execution entered, with its duration (for debugging a flow)." };
        var command = new Command("status", "Show a deployment: status, current state, weights, health; --detailed adds its timeline of phases.") { arn, env, detailed, states };
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
            Task<ExecutionView>? described = null;
            Task<IReadOnlyList<HistoryEvent>>? read = null;
            Task<DefinitionFacts>? factsRead = null;
            Task<(IReadOnlyDictionary<string, int> Weights, EnvironmentRecord? Record)>? probed = null;
            if (executionArn is null)
            {
                machines = await context.Gateway.LocateAsync(context.Application, envName!, ct);
                // The running deployment first: a newer one that was refused (or rejected) must not hide it.
                var running = (await context.Gateway.RunningDeploymentsAsync(machines, ct)).MaxBy(d => d.Start);
                newer = (await context.Gateway.DeploymentsAsync(machines, 1, ct)) is [var first, ..] ? first : null;
                executionArn = running?.Arn ?? newer?.Arn
                    ?? throw new CliException(ExitCode.UsageError, $"No deployment of {context.Application}/{envName} yet.", CliErrorNames.NothingToDo);
            }
            else
            {
                // The execution is known (and its ARN one of this application's, checked without a call): read it, its
                // definition and the rule while its machines are looked up — one round trip of wall time in all.
                var named = PipelineGateway.NamedMachinesOfExecution(context.Application, executionArn);
                described = context.Gateway.DescribeAsync(executionArn, ct);
                read = context.Gateway.HistoryAsync(executionArn, ct);
                factsRead = context.Gateway.FactsAsync(named, ct);
                probed = context.Gateway.WeightsAndRecordAsync(named, ct);
                machines = await context.Gateway.MachinesOfExecutionAsync(context.Application, executionArn, ct);
            }

            // The reads do not depend on each other: one round trip of wall time instead of four (the execution first,
            // so an unknown one is the error reported).
            described ??= context.Gateway.DescribeAsync(executionArn, ct);
            read ??= context.Gateway.HistoryAsync(executionArn, ct);
            factsRead ??= context.Gateway.FactsAsync(machines, ct);
            probed ??= context.Gateway.WeightsAndRecordAsync(machines, ct);
            await Task.WhenAll(described, read, factsRead, probed);
            var (execution, history, facts) = (await described, await read, await factsRead);
            var now = DateTimeOffset.UtcNow;
            var insight = ExecutionInsight.From(history, facts.TargetGroupColors, execution.Stop ?? now);
            var timeline = Timeline.From(history, facts, execution, now);
            var json = Report.Json(execution);
            json["version"] = DeployInput.Read(execution.Input, r => r.Version)?.DeepClone();
            json["currentState"] = insight.CurrentState;
            json["weights"] = CliJson.Weights(insight.Weights);
            json["health"] = insight.Verdict is { } v ? new JsonObject { ["status"] = v.Status, ["reasons"] = new JsonArray(v.Reasons.Select(r => (JsonNode?)r).ToArray()) } : null;
            json["awaitingApproval"] = insight.PendingApprovalToken is not null;
            if (result.GetValue(detailed))
            {
                json["timeline"] = Timeline.Json(timeline);
            }

            if (result.GetValue(states))
            {
                json["states"] = new JsonArray(insight.States.Select(s => (JsonNode?)new JsonObject
                {
                    ["name"] = s.State,
                    ["enteredDate"] = CliJson.Time(s.Entered),
                    ["durationSeconds"] = CliJson.Seconds(s.Duration),
                }).ToArray());
            }

            context.Output.Line($"{execution.Name}  {execution.Status} ({Outcomes.Of(execution)})  version {DeployInput.Read(execution.Input, r => r.Version)}  {Report.Format(execution.Elapsed(DateTimeOffset.UtcNow))}");
            if (DeployInput.Read(execution.Input, r => r.RequestedBy) is { } requestedBy)
            {
                context.Output.Line($"  requested by {requestedBy}" + (DeployInput.Read(execution.Input, r => r.Reason) is { } why ? $": {why}" : string.Empty));
            }

            if (insight.Approval is { } answer)
            {
                context.Output.Line($"  approval: {answer}");
            }

            json["requestedBy"] = DeployInput.Read(execution.Input, r => r.RequestedBy)?.DeepClone();
            json["reason"] = DeployInput.Read(execution.Input, r => r.Reason)?.DeepClone();
            json["approval"] = insight.Approval?.Json();
            var (weights, record) = await probed;
            var trafficOn = weights.FirstOrDefault(w => w.Value == 100).Key;
            json["record"] = record?.Json();
            context.Output.Line($"  lock: {record?.LockLine() ?? "unknown (the state item could not be read)"}; previous color: {record?.PreviousLine(trafficOn) ?? "unknown"}");
            if (newer is not null && newer.Arn != execution.Arn)
            {
                context.Output.Line($"  a newer deployment {newer.Name} ended {newer.Status} ({newer.Error}): deploy-pipeline status --execution-arn {newer.Arn}");
            }

            context.Output.Line("  " + ExecutionWatcher.Line(execution, insight, machines.Environment, timeline is [.., var last] ? last : null));
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
                context.Output.Line(timeline.Count > 0 ? "  timeline:" : "  timeline: the definition declares no phases (deployed by an older version); see --states");
                foreach (var line in Timeline.Lines(timeline))
                {
                    context.Output.Line("    " + line);
                }
            }

            if (result.GetValue(states))
            {
                foreach (var (state, entered, duration) in insight.States)
                {
                    context.Output.Line($"    {entered:HH:mm:ss}  {Report.Format(duration),8}  {state}");
                }
            }

            var code = execution.Ended ? Outcomes.ExitCodeOf(execution) : ExitCode.Success;
            ExecutionView? restorer = null;
            var sentence = Report.Sentence(execution);
            if (Aftermath.Applies(machines, execution))
            {
                // Stopped, timed out or failed unexpectedly: the execution that puts traffic back says how it ended.
                restorer = await context.Gateway.RecoveryOfAsync(machines, execution.Arn, execution.Start, ct);
                var (judged, message) = Aftermath.Judge(execution, restorer);
                context.Output.Line("  " + message);
                json["recovery"] = restorer is null ? null : Report.Json(restorer);
                code = judged == ExitCode.WaitTimedOut ? code : judged;
                sentence = message;
            }

            if (code != ExitCode.Success)
            {
                context.Output.Failure(Report.ErrorName(execution, restorer, code), sentence);
            }

            context.Output.Result(json);
            return code;
        }));
        return command;
    }
}
