using System.CommandLine;
using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Deploy.Cli.Pipeline;
using Deploy.Contracts;
using Deploy.Contracts.Flows;

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
                thresholds[Limit(t => t.MinHealthyPercentage)] = min;
            }

            if (result.GetValue(maxErrors) is { } errors)
            {
                thresholds[Limit(t => t.MaxTarget5xxCount)] = errors;
            }

            if (result.GetValue(maxResponse) is { } p99)
            {
                thresholds[Limit(t => t.MaxP99ResponseTimeMs)] = p99;
            }

            // The window ends at the service's now (a first probe's own time), not this machine's: the local engine's
            // simulated clock is not the real one, and an operator's clock may be off.
            var (weights, serviceNow) = await context.Gateway.WeightsAndClockAsync(machines, ct);
            var target = result.GetValue(color)
                ?? weights.FirstOrDefault(w => w.Value == 100).Key
                ?? throw new CliException(ExitCode.UsageError, $"Traffic is split ({string.Join(", ", weights.Select(w => $"{w.Key} {w.Value}%"))}); name the color with --color.");
            var since = (serviceNow ?? DateTimeOffset.UtcNow).AddMinutes(-(result.GetValue(window) ?? 5));
            var verdict = await context.Gateway.ProbeAsync(machines, target, "AfterTraffic", since, thresholds, ct);
            var status = StatePath.ReadString<HealthProbeOutput>(verdict, o => o.Status) ?? "?";
            context.Output.Line($"{machines.Application}/{machines.Environment} {target}: {status}");
            foreach (var reason in Reasons(verdict))
            {
                context.Output.Line($"  - {reason}");
            }

            if (verdict[Out(o => o.Evidence)] is JsonObject evidence)
            {
                JsonNode? Fact(Expression<Func<HealthEvidence, object?>> member) => StatePath.Read(evidence, member);
                context.Output.Line($"  targets {Fact(e => e.Healthy)}/{Fact(e => e.Targets)} healthy ({Fact(e => e.HealthyPercentage)}%), 5XX {Fact(e => e.Target5xxCount) ?? "-"}, p99 {Fact(e => e.P99ResponseTimeMs) ?? "-"} ms, alarm {Fact(e => e.AlarmState) ?? "-"}");
            }

            context.Output.Result(Json(machines, verdict, thresholds));
            if (status == "Unhealthy")
            {
                context.Output.Failure(CliErrorNames.Unhealthy,
                    $"{machines.Application}/{machines.Environment} {target} is Unhealthy: {string.Join("; ", Reasons(verdict))}");
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
        var evidence = verdict[Out(o => o.Evidence)] is JsonObject e ? (JsonObject)e.DeepClone() : null;
        if (evidence is not null)
        {
            var p99Name = StatePath.Name<HealthEvidence>(x => x.P99ResponseTimeMs);
            var p99 = evidence[p99Name]?.GetValue<double>();
            evidence.Remove(p99Name);
            evidence["p99ResponseTimeSeconds"] = p99 / 1000;
            var timestampName = StatePath.Name<Target5xxMinute>(m => m.Timestamp);
            if (evidence[StatePath.Name<HealthEvidence>(x => x.WorstMinute)] is JsonObject minute && minute[timestampName] is JsonValue timestamp)
            {
                minute.Remove(timestampName);
                minute["date"] = CliJson.Time(timestamp.ToString());
            }
        }

        var limits = (JsonObject)thresholds.DeepClone();
        var maxP99Name = Limit(t => t.MaxP99ResponseTimeMs);
        if (limits[maxP99Name]?.GetValue<double>() is { } max)
        {
            limits.Remove(maxP99Name);
            limits["maxP99ResponseTimeSeconds"] = max / 1000;
        }

        return new JsonObject
        {
            ["application"] = machines.Application,
            ["environment"] = machines.Environment,
            ["color"] = verdict[Out(o => o.Color)]?.DeepClone(),
            ["phase"] = verdict[Out(o => o.Phase)]?.DeepClone(),
            ["status"] = verdict[Out(o => o.Status)]?.DeepClone(),
            // When the probe judged, by the service's clock (the window ends there).
            ["evaluatedDate"] = CliJson.Time(verdict[Out(o => o.EvaluatedAt)] is JsonValue at ? at.ToString() : null),
            ["reasons"] = verdict[Out(o => o.Reasons)]?.DeepClone(),
            ["evidence"] = evidence,
            ["thresholdOverrides"] = limits,
            ["weights"] = CliJson.Weights(PipelineGateway.WeightsOf(verdict)),
        };
    }

    private static string Out(Expression<Func<HealthProbeOutput, object?>> member) => HealthProbeOutput.Name(member);

    private static string Limit(Expression<Func<HealthThresholds, object?>> member) => StatePath.Name(member);

    private static IEnumerable<string> Reasons(JsonObject verdict) =>
        StatePath.Read<HealthProbeOutput>(verdict, o => o.Reasons) is JsonArray reasons ? reasons.Select(r => r?.ToString() ?? string.Empty) : [];
}
