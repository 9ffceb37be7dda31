using System.Globalization;
using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Simulation.Alarms;

/// <summary>
/// The template's alarms and events rules, resolved with the definitions' fake values (<c>scripts/rehearsal/resolve-alarms.mjs</c>):
/// what the simulated CloudWatch evaluates and where it delivers state changes. Built from the CloudFormation properties
/// (<c>AWS::CloudWatch::Alarm</c>, <c>AWS::CloudWatch::CompositeAlarm</c>, <c>AWS::Events::Rule</c>, template reference);
/// what the simulation does not model (anomaly detection, metric math functions, actions suppressors, content filters)
/// is refused when read, with the alarm's name.
/// </summary>
public sealed record AlarmDefinitions
{
    /// <summary>No alarms and no rules (a stack resolved without its monitoring side).</summary>
    public static readonly AlarmDefinitions None = new();

    /// <summary>The metric alarms, in template order.</summary>
    public IReadOnlyList<MetricAlarmDefinition> MetricAlarms { get; init; } = [];

    /// <summary>The composite alarms, in template order.</summary>
    public IReadOnlyList<CompositeAlarmDefinition> CompositeAlarms { get; init; } = [];

    /// <summary>The events rules with an event pattern on the default event bus.</summary>
    public IReadOnlyList<EventRuleDefinition> Rules { get; init; } = [];

    /// <summary>This model with <paramref name="change"/> applied to the metric alarm named <paramref name="name"/> (for mutation tests).</summary>
    public AlarmDefinitions WithMetricAlarm(string name, Func<MetricAlarmDefinition, MetricAlarmDefinition> change) => this with
    {
        MetricAlarms = MetricAlarms.Select(a => a.Name == name ? change(a) : a).ToList(),
    };

    /// <summary>Reads the <c>alarms</c> array of <c>resolve.mjs --policies</c>: <c>[{ logicalId, type, ref, arn, properties }]</c>.</summary>
    /// <exception cref="NotSupportedException">An alarm or rule uses what the simulation does not model.</exception>
    public static AlarmDefinitions Parse(JsonArray? resources)
    {
        var metricAlarms = new List<MetricAlarmDefinition>();
        var composites = new List<CompositeAlarmDefinition>();
        var rules = new List<EventRuleDefinition>();
        foreach (var resource in (resources ?? []).OfType<JsonObject>())
        {
            var logicalId = Text(resource["logicalId"]) ?? string.Empty;
            var properties = resource["properties"] as JsonObject ?? new JsonObject();
            var reference = Text(resource["ref"]) ?? logicalId;
            var arn = Text(resource["arn"]) ?? reference;
            switch (Text(resource["type"]))
            {
                case "AWS::CloudWatch::Alarm":
                    metricAlarms.Add(MetricAlarm(logicalId, Text(properties["AlarmName"]) ?? reference, arn, properties));
                    break;
                case "AWS::CloudWatch::CompositeAlarm":
                    composites.Add(Composite(logicalId, Text(properties["AlarmName"]) ?? reference, arn, properties));
                    break;
                case "AWS::Events::Rule" when properties["EventPattern"] is JsonObject pattern
                    && (Text(properties["EventBusName"]) ?? "default") == "default":
                    rules.Add(new EventRuleDefinition
                    {
                        LogicalId = logicalId,
                        Name = Text(properties["Name"]) ?? reference,
                        Arn = arn,
                        // CloudFormation's State defaults to ENABLED; DISABLED rules match nothing.
                        Enabled = (Text(properties["State"]) ?? "ENABLED").StartsWith("ENABLED", StringComparison.Ordinal),
                        EventPattern = (JsonObject)pattern.DeepClone(),
                        Targets = (properties["Targets"] as JsonArray ?? []).OfType<JsonObject>().Select(Target).ToList(),
                    });
                    break;
            }
        }

        return new AlarmDefinitions { MetricAlarms = metricAlarms, CompositeAlarms = composites, Rules = rules };
    }

    private static MetricAlarmDefinition MetricAlarm(string logicalId, string name, string arn, JsonObject p)
    {
        foreach (var unsupported in new[] { "ThresholdMetricId", "EvaluationWindow" })
        {
            if (p[unsupported] is not null)
            {
                throw new NotSupportedException($"Alarm {name}: {unsupported} (anomaly detection / evaluation windows) is not simulated.");
            }
        }

        List<AlarmMetric> metrics;
        if (p["Metrics"] is JsonArray queries)
        {
            metrics = queries.OfType<JsonObject>().Select(q => Query(name, q)).ToList();
        }
        else
        {
            metrics =
            [
                new AlarmMetric
                {
                    Id = "m1",
                    Namespace = Text(p["Namespace"]),
                    MetricName = Text(p["MetricName"]),
                    Dimensions = Dimensions(p["Dimensions"]),
                    Stat = Text(p["Statistic"]) ?? Text(p["ExtendedStatistic"]),
                    Period = Int(p["Period"]),
                },
            ];
        }

        if (metrics.Count(m => m.ReturnData) != 1)
        {
            throw new NotSupportedException($"Alarm {name}: exactly one of its metrics must return data; {metrics.Count(m => m.ReturnData)} do.");
        }

        foreach (var metric in metrics)
        {
            if (metric.Expression is { } expression)
            {
                var ids = MetricMathExpression.Parse(expression).Ids;
                var unknown = ids.Where(id => metrics.All(m => m.Id != id || m.Expression is not null)).ToList();
                if (unknown.Count > 0)
                {
                    throw new NotSupportedException($"Alarm {name}: expression '{expression}' reads {string.Join(", ", unknown)}, which are not metrics of the alarm.");
                }
            }
            else if (metric.MetricName is null || metric.Stat is null || metric.Period is null)
            {
                throw new NotSupportedException($"Alarm {name}: metric {metric.Id} has no MetricName, statistic or period.");
            }
        }

        var periods = metrics.Where(m => m.Period is not null).Select(m => m.Period!.Value).Distinct().ToList();
        if (periods.Count != 1)
        {
            throw new NotSupportedException($"Alarm {name}: its metrics must share one period; they have {string.Join(", ", periods)}.");
        }

        var evaluationPeriods = Int(p["EvaluationPeriods"]) ?? throw new NotSupportedException($"Alarm {name}: no EvaluationPeriods.");
        return new MetricAlarmDefinition
        {
            LogicalId = logicalId,
            Name = name,
            Arn = arn,
            Description = Text(p["AlarmDescription"]),
            Metrics = metrics,
            Period = periods[0],
            EvaluationPeriods = evaluationPeriods,
            DatapointsToAlarm = Int(p["DatapointsToAlarm"]) ?? evaluationPeriods,
            Threshold = Number(p["Threshold"]) ?? throw new NotSupportedException($"Alarm {name}: no Threshold."),
            ComparisonOperator = Text(p["ComparisonOperator"]) ?? throw new NotSupportedException($"Alarm {name}: no ComparisonOperator."),
            // The default is missing (user guide, "Configuring how CloudWatch alarms treat missing data").
            TreatMissingData = Text(p["TreatMissingData"]) ?? "missing",
            ActionsEnabled = p["ActionsEnabled"]?.GetValue<bool>() ?? true,
            AlarmActions = Strings(p["AlarmActions"]),
            OkActions = Strings(p["OKActions"]),
            InsufficientDataActions = Strings(p["InsufficientDataActions"]),
        };
    }

    private static AlarmMetric Query(string alarm, JsonObject q)
    {
        var id = Text(q["Id"]) ?? throw new NotSupportedException($"Alarm {alarm}: a metric without Id.");
        var returnData = q["ReturnData"]?.GetValue<bool>() ?? true;
        if (Text(q["Expression"]) is { } expression)
        {
            return new AlarmMetric { Id = id, Expression = expression, ReturnData = returnData };
        }

        var stat = q["MetricStat"] as JsonObject ?? throw new NotSupportedException($"Alarm {alarm}: metric {id} has neither MetricStat nor Expression.");
        var metric = stat["Metric"] as JsonObject ?? new JsonObject();
        return new AlarmMetric
        {
            Id = id,
            Namespace = Text(metric["Namespace"]),
            MetricName = Text(metric["MetricName"]),
            Dimensions = Dimensions(metric["Dimensions"]),
            Stat = Text(stat["Stat"]),
            Period = Int(stat["Period"]),
            ReturnData = returnData,
        };
    }

    private static CompositeAlarmDefinition Composite(string logicalId, string name, string arn, JsonObject p)
    {
        if (p["ActionsSuppressor"] is not null)
        {
            throw new NotSupportedException($"Composite alarm {name}: ActionsSuppressor is not simulated.");
        }

        var rule = Text(p["AlarmRule"]) ?? throw new NotSupportedException($"Composite alarm {name}: no AlarmRule.");
        return new CompositeAlarmDefinition
        {
            LogicalId = logicalId,
            Name = name,
            Arn = arn,
            Description = Text(p["AlarmDescription"]),
            AlarmRuleText = rule,
            AlarmRule = AlarmRuleExpression.Parse(rule),
            ActionsEnabled = p["ActionsEnabled"]?.GetValue<bool>() ?? true,
            AlarmActions = Strings(p["AlarmActions"]),
            OkActions = Strings(p["OKActions"]),
            InsufficientDataActions = Strings(p["InsufficientDataActions"]),
        };
    }

    private static EventRuleTarget Target(JsonObject t)
    {
        var transformer = t["InputTransformer"] as JsonObject;
        return new EventRuleTarget
        {
            Id = Text(t["Id"]) ?? string.Empty,
            Arn = Text(t["Arn"]) ?? string.Empty,
            Input = Text(t["Input"]),
            InputPath = Text(t["InputPath"]),
            InputPathsMap = (transformer?["InputPathsMap"] as JsonObject)?.ToDictionary(p => p.Key, p => Text(p.Value) ?? "$", StringComparer.Ordinal),
            InputTemplate = Text(transformer?["InputTemplate"]),
        };
    }

    private static Dictionary<string, string> Dimensions(JsonNode? node) =>
        (node as JsonArray ?? []).OfType<JsonObject>().ToDictionary(d => Text(d["Name"]) ?? string.Empty, d => Text(d["Value"]) ?? string.Empty, StringComparer.Ordinal);

    private static List<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(Text).OfType<string>().ToList();

    private static string? Text(JsonNode? node) => node is JsonValue v
        ? v.TryGetValue<string>(out var s) ? s : v.ToJsonString()
        : null;

    private static int? Int(JsonNode? node) => Number(node) is { } d ? (int)d : null;

    private static double? Number(JsonNode? node) => node is JsonValue v
        ? v.TryGetValue<double>(out var d) ? d : double.TryParse(Text(v), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null
        : null;
}
