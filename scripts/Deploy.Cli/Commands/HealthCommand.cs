using System.CommandLine;
using System.Text.Json.Nodes;
using Deploy.Cli.Pipeline;

namespace Deploy.Cli.Commands;

/// <summary><c>health</c>: runs the HealthProbe state machine (sync) for a color and prints the verdict.</summary>
public static class HealthCommand
{
    /// <summary>The longest <c>--window-minutes</c>: a day.</summary>
    public const int MaxWindowMinutes = 1440;

    /// <summary>Builds the verb.</summary>
    public static Command Create(Verbs verbs)
    {
        var env = Options.Environment();
        var color = new Option<string?>("--color") { Description = "blue or green. Default: the color at 100%." };
        // The ranges are the HealthCheck handler's own (minHealthyPercentage 0-100, the others 0 or more).
        var minHealthy = Options.Number("--min-healthy", "Minimum healthy targets, percent, 0 to 100. Default: the environment's.", 0, 100, " (percent)");
        var maxErrors = Options.Number("--max-errors", "Maximum target 5XX responses in any one minute of the window, 0 or more. Default: the environment's.", 0, 1_000_000_000, "");
        var maxResponse = Options.Number("--max-response-time", "Maximum p99 response time, ms, 0 or more. Default: the environment's.", 0, 3_600_000, " (ms)");
        // CloudWatch keeps 1-minute data points for 15 days; a day back is plenty for "now" and keeps GetMetricData small.
        // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Metric
        var window = Options.Integer("--window-minutes", $"Metric window, minutes back from now, 1 to {MaxWindowMinutes} (default 5).", 1, MaxWindowMinutes);
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

            // The window ends at the service's now (a first probe's own time), not this machine's: the local engine's
            // simulated clock is not the real one, and an operator's clock may be off.
            var (weights, serviceNow) = await context.Gateway.WeightsAndClockAsync(machines, ct);
            var target = result.GetValue(color)
                ?? weights.FirstOrDefault(w => w.Value == 100).Key
                ?? throw new CliException(ExitCode.UsageError, $"Traffic is split ({string.Join(", ", weights.Select(w => $"{w.Key} {w.Value}%"))}); name the color with --color.");
            var since = (serviceNow ?? DateTimeOffset.UtcNow).AddMinutes(-(result.GetValue(window) ?? 5));
            var verdict = await context.Gateway.ProbeAsync(machines, target, "AfterTraffic", since, thresholds, ct);
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

            context.Output.Result(Json(machines, verdict, thresholds));
            if (status == "Unhealthy")
            {
                context.Output.Failure(CliErrorNames.Unhealthy,
                    $"{machines.Application}/{machines.Environment} {target} is Unhealthy: {string.Join("; ", verdict["reasons"]?.AsArray().Select(r => r?.ToString()) ?? [])}");
                return ExitCode.DeploymentFailed;
            }

            return ExitCode.Success;
        }));
        return command;
    }

    /// <summary>
    /// The probe's verdict in the CLI's schema: weights as <c>{ blue, green }</c> (the probe answers ModifyRule-style
    /// target groups), the p99 in seconds, times in ISO UTC; the HealthCheck contract's other members as they are.
    /// </summary>
    public static JsonObject Json(PipelineMachines machines, JsonObject verdict, JsonObject thresholds)
    {
        var evidence = verdict["evidence"] is JsonObject e ? (JsonObject)e.DeepClone() : null;
        if (evidence is not null)
        {
            var p99 = evidence["p99ResponseTimeMs"]?.GetValue<double>();
            evidence.Remove("p99ResponseTimeMs");
            evidence["p99ResponseTimeSeconds"] = p99 / 1000;
            if (evidence["worstMinute"] is JsonObject minute && minute["timestamp"] is JsonValue timestamp)
            {
                minute.Remove("timestamp");
                minute["date"] = CliJson.Time(timestamp.ToString());
            }
        }

        var limits = (JsonObject)thresholds.DeepClone();
        if (limits["maxP99ResponseTimeMs"]?.GetValue<double>() is { } max)
        {
            limits.Remove("maxP99ResponseTimeMs");
            limits["maxP99ResponseTimeSeconds"] = max / 1000;
        }

        return new JsonObject
        {
            ["application"] = machines.Application,
            ["environment"] = machines.Environment,
            ["color"] = verdict["color"]?.DeepClone(),
            ["phase"] = verdict["phase"]?.DeepClone(),
            ["status"] = verdict["status"]?.DeepClone(),
            // When the probe judged, by the service's clock (the window ends there).
            ["evaluatedDate"] = CliJson.Time(verdict["evaluatedAt"] is JsonValue at ? at.ToString() : null),
            ["reasons"] = verdict["reasons"]?.DeepClone(),
            ["evidence"] = evidence,
            ["thresholdOverrides"] = limits,
            ["weights"] = CliJson.Weights(PipelineGateway.WeightsOf(verdict)),
        };
    }
}
