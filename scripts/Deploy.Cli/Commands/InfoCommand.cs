using System.CommandLine;
using System.Text.Json.Nodes;
using Deploy.Cli.Pipeline;

namespace Deploy.Cli.Commands;

/// <summary><c>info</c>: the environment's resources, live color and version, weights, and the configuration and worst-case time to rollback the stack published.</summary>
public static class InfoCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(Verbs verbs)
    {
        var env = Options.Environment();
        var command = new Command("info", "Show an environment: state machines, live color and version, weights, configuration, worst-case time to rollback.") { env };
        command.SetAction((result, ct) => verbs.Run(result, async context =>
        {
            var machines = await context.Gateway.LocateAsync(context.Application, result.GetValue(env)!, ct);
            // Independent reads, at once.
            var factsRead = context.Gateway.PublishedFactsAsync(machines, ct);
            var probed = context.Gateway.WeightsAndRecordAsync(machines, ct);
            var runningRead = context.Gateway.RunningDeploymentsAsync(machines, ct);
            var versionsRead = context.Gateway.VersionsByColorAsync(machines, ct);
            await Task.WhenAll(factsRead, probed, runningRead, versionsRead);
            var (facts, (weights, record), running, versions) = (await factsRead, await probed, await runningRead, await versionsRead);
            var live = weights.FirstOrDefault(w => w.Value == 100).Key;
            var json = new JsonObject
            {
                ["application"] = machines.Application,
                ["environment"] = machines.Environment,
                ["stateMachines"] = new JsonObject { ["deploy"] = machines.Deploy, ["rollback"] = machines.Rollback, ["healthProbe"] = machines.HealthProbe },
                ["weights"] = CliJson.Weights(weights),
                ["liveColor"] = live,
                ["versions"] = new JsonObject(versions.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))),
                ["record"] = record?.Json(),
                ["runningDeployments"] = new JsonArray(running.Select(r => (JsonNode?)new JsonObject
                {
                    ["executionArn"] = r.Arn,
                    ["version"] = r.Input?["version"]?.DeepClone(),
                    ["startDate"] = CliJson.Time(r.Start),
                }).ToArray()),
                // As the stack published them (null: not published, a stack deployed by an older version).
                ["configuration"] = new JsonObject
                {
                    ["gracePeriodSeconds"] = facts.GracePeriodSeconds,
                    ["healthPollIntervalSeconds"] = facts.HealthPollIntervalSeconds,
                    ["maxHealthPolls"] = facts.MaxHealthPolls,
                    ["bakeCheckIntervalSeconds"] = facts.BakeCheckIntervalSeconds,
                    ["approvalRequired"] = facts.ApprovalRequired,
                },
                ["worstCaseTimeToRollback"] = new JsonObject
                {
                    ["alarmPathSeconds"] = facts.WorstCaseRollbackSeconds,
                    ["duringBakeSeconds"] = facts.WorstCaseRollbackDuringBakeSeconds,
                },
            };
            context.Output.Line($"{machines.Application}/{machines.Environment}");
            context.Output.Line($"  live color      {live ?? "split"}" + (live is not null && versions.TryGetValue(live, out var version) ? $" (version {version})" : string.Empty));
            context.Output.Line($"  weights         {string.Join(" / ", weights.Select(w => $"{w.Key} {w.Value}%"))}");
            context.Output.Line($"  lock            {record?.LockLine() ?? "unknown (the state item could not be read)"}");
            context.Output.Line($"  previous color  {record?.PreviousLine(live) ?? "unknown"}");
            if (record?.LiveColor is { } recorded && live is not null && recorded != live)
            {
                context.Output.Line($"  note            the record says {recorded} is live but the rule sends 100% to {live}");
            }

            foreach (var deployment in running)
            {
                context.Output.Line($"  running         {deployment.Name} (version {DeployInput.Read(deployment.Input, r => r.Version)}, since {deployment.Start:u})");
            }

            context.Output.Line($"  deploy          {machines.Deploy}");
            context.Output.Line($"  rollback        {machines.Rollback}");
            context.Output.Line($"  health probe    {machines.HealthProbe}");
            context.Output.Line($"  {facts.ConfigurationLine()}");
            context.Output.Line($"  {facts.WorstCaseLine()}");
            context.Output.Result(json);
            return ExitCode.Success;
        }));
        return command;
    }
}
