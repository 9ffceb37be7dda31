using System.Globalization;
using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// The health-check timing and deregistration delay of one target group, as the synthesized template declares them
/// (<c>AWS::ElasticLoadBalancingV2::TargetGroup</c>), with the ELBv2 defaults for what it leaves out.
/// </summary>
/// <param name="IntervalSeconds"><c>HealthCheckIntervalSeconds</c>: seconds between two health checks of a target.</param>
/// <param name="HealthyThresholdCount"><c>HealthyThresholdCount</c>: consecutive successes before a target is healthy.</param>
/// <param name="UnhealthyThresholdCount"><c>UnhealthyThresholdCount</c>: consecutive failures before a target is unhealthy.</param>
/// <param name="DeregistrationDelaySeconds">The <c>deregistration_delay.timeout_seconds</c> attribute: how long a deregistering target drains.</param>
public sealed record TargetGroupHealthSettings(int IntervalSeconds, int HealthyThresholdCount, int UnhealthyThresholdCount, int DeregistrationDelaySeconds)
{
    /// <summary>
    /// The ELBv2 defaults for an HTTP target group of instances (API reference, CreateTargetGroup: interval 30 s,
    /// healthy threshold 5, unhealthy threshold 2; TargetGroupAttribute: <c>deregistration_delay.timeout_seconds</c> 300).
    /// </summary>
    public static readonly TargetGroupHealthSettings Defaults = new(30, 5, 2, 300);

    /// <summary>The settings of the target group <paramref name="logicalIdPrefix"/> of a template (defaults when it has none).</summary>
    public static TargetGroupHealthSettings FromTemplate(JsonObject template, string logicalIdPrefix)
    {
        ArgumentNullException.ThrowIfNull(template);
        var resource = (template["Resources"] as JsonObject ?? [])
            .Where(r => r.Key.StartsWith(logicalIdPrefix, StringComparison.Ordinal) && (string?)r.Value?["Type"] == "AWS::ElasticLoadBalancingV2::TargetGroup")
            .Select(r => r.Value as JsonObject)
            .FirstOrDefault();
        if (resource?["Properties"] is not JsonObject properties)
        {
            return Defaults;
        }

        var delay = (properties["TargetGroupAttributes"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(a => (string?)a["Key"] == "deregistration_delay.timeout_seconds")
            .Select(a => Number(a["Value"]))
            .FirstOrDefault();
        return new TargetGroupHealthSettings(
            Number(properties["HealthCheckIntervalSeconds"]) ?? Defaults.IntervalSeconds,
            Number(properties["HealthyThresholdCount"]) ?? Defaults.HealthyThresholdCount,
            Number(properties["UnhealthyThresholdCount"]) ?? Defaults.UnhealthyThresholdCount,
            delay ?? Defaults.DeregistrationDelaySeconds);
    }

    /// <summary>The settings of both colors' target groups (<c>FleetBlueTargetGroup…</c>, <c>FleetGreenTargetGroup…</c>).</summary>
    public static Dictionary<string, TargetGroupHealthSettings> OfFleet(JsonObject template) => new(StringComparer.Ordinal)
    {
        ["blue"] = FromTemplate(template, "FleetBlueTargetGroup"),
        ["green"] = FromTemplate(template, "FleetGreenTargetGroup"),
    };

    // CloudFormation writes numbers as numbers or strings (attribute values are always strings).
    private static int? Number(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<double>(out var d) => (int)d,
        JsonValue v when v.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
