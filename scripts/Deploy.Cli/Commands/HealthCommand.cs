using System.CommandLine;
using System.Text.Json.Nodes;
using Deploy.Cli.Pipeline;

namespace Deploy.Cli.Commands;

/// <summary><c>health</c>: runs the HealthProbe state machine (sync) for a color and prints the verdict.</summary>
public static class HealthCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(Verbs verbs)
    {
        var env = Options.Environment();
        var color = new Option<string?>("--color") { Description = "blue or green. Default: the color at 100%." };
        var minHealthy = new Option<double?>("--min-healthy") { Description = "Minimum healthy targets, percent. Default: the environment's." };
        var maxErrors = new Option<double?>("--max-errors") { Description = "Maximum target 5XX responses in any one minute of the window. Default: the environment's." };
        var maxResponse = new Option<double?>("--max-response-time") { Description = "Maximum p99 response time, ms. Default: the environment's." };
        var window = new Option<int>("--window-minutes") { Description = "Metric window, minutes back from now (default 5).", DefaultValueFactory = _ => 5 };
        color.AcceptOnlyFromAmong("blue", "green");
        var command = new Command("health", "Check a color's health now: target health, 5XX, p99, composite alarm (exit 3 when Unhealthy).")
        {
            env, color, minHealthy, maxErrors, maxResponse, window,
        };
        command.SetAction((result, ct) => verbs.Run(result, async context =>
        {
            var machines = await context.Gateway.LocateAsync(context.Application, result.GetValue(env)!, ct);
            var thresholds = new JsonObject();
            if (result.GetValue(minHealthy) is { } min)
            {
                thresholds["minHealthyPercentage"] = min;
            }

            if (result.GetValue(maxErrors) is { } errors)
            {
                thresholds["maxTarget5xxCount"] = errors;
            }

            if (result.GetValue(maxResponse) is { } p99)
            {
                thresholds["maxP99ResponseTimeMs"] = p99;
            }

            var target = result.GetValue(color);
            if (target is null)
            {
                var weights = await context.Gateway.WeightsAsync(machines, ct);
                target = weights.FirstOrDefault(w => w.Value == 100).Key
                    ?? throw new CliException(ExitCode.UsageError, $"Traffic is split ({string.Join(", ", weights.Select(w => $"{w.Key} {w.Value}%"))}); name the color with --color.");
            }

            var verdict = await context.Gateway.ProbeAsync(machines, target, "AfterTraffic", DateTimeOffset.UtcNow.AddMinutes(-result.GetValue(window)), thresholds, ct);
            var status = verdict["status"]?.GetValue<string>() ?? "?";
            context.Output.Line($"{machines.Application}/{machines.Environment} {target}: {status}");
            foreach (var reason in verdict["reasons"]?.AsArray() ?? [])
            {
                context.Output.Line($"  - {reason}");
            }

            if (verdict["evidence"] is JsonObject evidence)
            {
                context.Output.Line($"  targets {evidence["healthy"]}/{evidence["targets"]} healthy ({evidence["healthyPercentage"]}%), 5XX {evidence["target5xxCount"] ?? "-"}, p99 {evidence["p99ResponseTimeMs"] ?? "-"} ms, alarm {evidence["alarmState"] ?? "-"}");
            }

            context.Output.Result(verdict);
            return status == "Unhealthy" ? ExitCode.DeploymentFailed : ExitCode.Success;
        }));
        return command;
    }
}
