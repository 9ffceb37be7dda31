using System.CommandLine;
using System.Text.Json.Nodes;
using Deploy.Cli.Pipeline;

namespace Deploy.Cli.Commands;

/// <summary><c>info</c>: the environment's resources, live color and version, weights, and the stated worst-case time to rollback.</summary>
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
            var facts = await context.Gateway.FactsAsync(machines, ct);
            var (weights, record) = await context.Gateway.WeightsAndRecordAsync(machines, ct);
            var running = await context.Gateway.RunningDeploymentsAsync(machines, ct);
            var live = weights.FirstOrDefault(w => w.Value == 100).Key;
            var versions = await context.Gateway.VersionsByColorAsync(machines, ct);
            var json = new JsonObject
            {
                ["application"] = machines.Application,
                ["environment"] = machines.Environment,
                ["stateMachines"] = new JsonObject { ["deploy"] = machines.Deploy, ["rollback"] = machines.Rollback, ["healthProbe"] = machines.HealthProbe },
                ["weights"] = new JsonObject(weights.Select(w => KeyValuePair.Create(w.Key, (JsonNode?)w.Value))),
                ["liveColor"] = live,
                ["versions"] = new JsonObject(versions.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))),
                ["record"] = record?.Json(),
                ["runningDeployments"] = new JsonArray(running.Select(r => (JsonNode?)new JsonObject
                {
                    ["executionArn"] = r.Arn,
                    ["version"] = r.Input?["version"]?.DeepClone(),
                    ["startDate"] = r.Start.ToString("O"),
                }).ToArray()),
                ["configuration"] = new JsonObject
                {
                    ["gracePeriodSeconds"] = facts.GraceSeconds,
                    ["healthPollIntervalSeconds"] = facts.PollSeconds,
                    ["maxHealthPolls"] = facts.MaxPolls,
                    ["bakeCheckIntervalSeconds"] = facts.BakeCheckSeconds,
                    ["approvalRequired"] = facts.ApprovalRequired,
                },
                ["worstCaseTimeToRollbackSeconds"] = new JsonObject
                {
                    ["alarmPath"] = facts.AlarmPathSeconds,
                    ["duringBake"] = facts.BakePathSeconds,
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
                context.Output.Line($"  running         {deployment.Name} (version {deployment.Input?["version"]}, since {deployment.Start:u})");
            }

            context.Output.Line($"  deploy          {machines.Deploy}");
            context.Output.Line($"  rollback        {machines.Rollback}");
            context.Output.Line($"  health probe    {machines.HealthProbe}");
            context.Output.Line($"  grace {facts.GraceSeconds}s, poll every {facts.PollSeconds}s (max {facts.MaxPolls} polls), bake checks every {facts.BakeCheckSeconds}s, approval {(facts.ApprovalRequired ? "required" : "not required")}");
            context.Output.Line($"  worst-case time to rollback: {facts.AlarmPathSeconds}s on the alarm path ({DefinitionFacts.AlarmWindowSeconds}s alarm window + {DefinitionFacts.AlarmPublicationSeconds}s publication + {DefinitionFacts.DeliveryAndStatesSeconds}s delivery and two states); {facts.BakePathSeconds}s during a bake");
            context.Output.Result(json);
            return ExitCode.Success;
        }));
        return command;
    }
}
