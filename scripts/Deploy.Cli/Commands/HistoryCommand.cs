using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Deploy.Cli.Pipeline;

namespace Deploy.Cli.Commands;

/// <summary><c>history</c>: recent deployments with outcome and duration, and DORA-style figures.</summary>
public static class HistoryCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(Verbs verbs)
    {
        var env = Options.Environment();
        var limit = Options.Integer("--limit", "How many deployments, 1 to 100 (default 20).", 1, 100);
        var command = new Command("history", "List recent deployments (outcome, duration) with deployment frequency, change-failure rate and mean time to restore.") { env, limit };
        command.SetAction((result, ct) => verbs.Run(result, async context =>
        {
            var machines = await context.Gateway.LocateAsync(context.Application, result.GetValue(env)!, ct);
            var entries = await context.Gateway.DeploymentHistoryAsync(machines, (int)(result.GetValue(limit) ?? 20), ct);
            var summary = DeploymentSummary.Of(entries, DateTimeOffset.UtcNow);
            foreach (var e in entries)
            {
                context.Output.Line(string.Create(CultureInfo.InvariantCulture,
                    $"{e.Start:yyyy-MM-dd HH:mm}  {e.Version ?? "?",-16} {e.Strategy ?? "",-10} {e.Outcome,-16} {(e.Duration is { } d ? Report.Format(d) : "-"),8}  by {e.RequestedBy ?? "?"}")
                    + (e.Approval is { } a ? $"; {a}" : string.Empty) + (string.IsNullOrEmpty(e.Reason) ? string.Empty : $"; reason: {e.Reason}"));
            }

            context.Output.Line();
            context.Output.Line(string.Create(CultureInfo.InvariantCulture,
                $"{summary.Deployments} deployments, {summary.PerDay:0.##} per day; change-failure rate {(summary.ChangeFailureRate is { } r ? $"{r:P0}" : "-")}; mean time to restore {(summary.MeanTimeToRestore is { } m ? Report.Format(m) : "-")}"));
            context.Output.Result(new JsonObject
            {
                ["deployments"] = new JsonArray(entries.Select(e => (JsonNode?)new JsonObject
                {
                    ["executionArn"] = e.Execution,
                    ["start"] = e.Start.ToString("O"),
                    ["stop"] = e.Stop?.ToString("O"),
                    ["version"] = e.Version,
                    ["strategy"] = e.Strategy,
                    ["outcome"] = e.Outcome,
                    ["durationSeconds"] = e.Duration?.TotalSeconds,
                    ["timeToRestoreSeconds"] = e.TimeToRestore?.TotalSeconds,
                    ["requestedBy"] = e.RequestedBy,
                    ["reason"] = e.Reason,
                    ["approval"] = e.Approval?.Json(),
                }).ToArray()),
                ["summary"] = new JsonObject
                {
                    ["deployments"] = summary.Deployments,
                    ["deploymentsPerDay"] = Math.Round(summary.PerDay, 3),
                    ["changeFailureRate"] = summary.ChangeFailureRate,
                    ["meanTimeToRestoreSeconds"] = summary.MeanTimeToRestore?.TotalSeconds,
                },
            });
            return ExitCode.Success;
        }));
        return command;
    }
}
