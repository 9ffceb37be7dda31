using System.Globalization;
using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// The per-minute history of each color's load-balancer metrics, and CloudWatch <c>GetMetricData</c> over it.
/// </summary>
public sealed partial class SimulatedWorld
{
    private readonly Dictionary<string, List<MetricRates>> _metricHistory = new(StringComparer.Ordinal);

    /// <summary>
    /// What a color's target group reports from <see cref="MetricRates.From"/> on, until the next entry: 5XX and
    /// requests per minute and the p99 response time while it serves traffic, nothing otherwise.
    /// </summary>
    /// <param name="From">When these rates started.</param>
    /// <param name="Serving">Whether the rule sends the color any traffic.</param>
    /// <param name="ErrorsPerMinute">Target 5XX responses per minute.</param>
    /// <param name="RequestsPerMinute">Requests per minute.</param>
    /// <param name="P99Ms">p99 target response time, ms.</param>
    public sealed record MetricRates(DateTimeOffset From, bool Serving, double ErrorsPerMinute, double RequestsPerMinute, double P99Ms);

    /// <summary>Every change of a color's metric rates, oldest first.</summary>
    public IReadOnlyList<MetricRates> MetricHistory(string color) =>
        _metricHistory.TryGetValue(color, out var history) ? history : [];

    /// <summary>Notes the rates every color reports from now on; called whenever weights, signals or instances change.</summary>
    private void RecordMetrics()
    {
        MetricsChanged();
        foreach (var color in Signals.Keys)
        {
            // Requests split by weight / sum of weights (ALB forward actions): 1,200 a minute for the whole rule.
            var share = TrafficShare(color);
            var serving = share > 0;
            var signals = SignalsWithVersion(color);
            var rates = serving
                ? new MetricRates(Clock.UtcNow, true, signals.ErrorsPerMinute, share * 1200.0, signals.P99Ms)
                : new MetricRates(Clock.UtcNow, false, 0, 0, 0);
            var history = _metricHistory.TryGetValue(color, out var list) ? list : _metricHistory[color] = new();
            if (history.Count > 0 && history[^1] with { From = rates.From } == rates)
            {
                continue;
            }

            if (history.Count > 0 && history[^1].From == rates.From)
            {
                history[^1] = rates;
            }
            else
            {
                history.Add(rates);
            }
        }
    }

    /// <summary>
    /// GetMetricData for the AWS/ApplicationELB metrics of one color's target group (the <c>TargetGroup</c> dimension):
    /// <c>HTTPCode_Target_5XX_Count</c> and <c>RequestCount</c> as Sum, <c>TargetResponseTime</c> as p99, in seconds.
    /// </summary>
    /// <remarks>
    /// As the CloudWatch API reference (GetMetricData, MetricStat, MetricDataResult) and the ALB metrics guide describe:
    /// <list type="bullet">
    /// <item><c>StartTime</c> is inclusive and, less than 15 days ago, rounded down to the whole minute; <c>EndTime</c> is
    /// exclusive; each datapoint covers one <c>Period</c> starting at its timestamp (aligned to the rounded start).</item>
    /// <item>Datapoints are newest first: <c>ScanBy</c> defaults to <c>TimestampDescending</c>
    /// (<c>TimestampAscending</c> returns the oldest first); one timestamp per value.</item>
    /// <item>The load balancer publishes a period's datapoint once the period is over (every 60 seconds), and only when
    /// it has something to report: no requests, no datapoint; no 5XX, no <c>HTTPCode_Target_5XX_Count</c> datapoint.</item>
    /// </list>
    /// </remarks>
    private TaskOutcome GetMetricData(JsonObject input)
    {
        var start = Minute(Time(input["StartTime"]));
        var end = Time(input["EndTime"]);
        var ascending = input["ScanBy"]?.GetValue<string>() == "TimestampAscending";
        var results = new JsonArray();
        foreach (var query in input["MetricDataQueries"]!.AsArray())
        {
            var id = query!["Id"]!.GetValue<string>();
            var stat = query["MetricStat"]!;
            var metric = stat["Metric"]!["MetricName"]!.GetValue<string>();
            var period = stat["Period"]!.GetValue<int>();
            var dimension = stat["Metric"]!["Dimensions"]!.AsArray()
                .First(d => d!["Name"]!.GetValue<string>() == "TargetGroup")!["Value"]!.GetValue<string>();
            var color = _stack.TargetGroupFullName.First(t => t.Value == dimension).Key;

            var points = new List<(DateTimeOffset At, double Value)>();
            for (var from = start; from < end && from.AddSeconds(period) <= Clock.UtcNow; from = from.AddSeconds(period))
            {
                if (Datapoint(color, metric, from, from.AddSeconds(period)) is { } value)
                {
                    points.Add((from, value));
                }
            }

            if (!ascending)
            {
                points.Reverse();
            }

            results.Add(new JsonObject
            {
                ["Id"] = id,
                ["Label"] = id,
                ["Timestamps"] = new JsonArray(points.Select(p => (JsonNode)Iso(p.At)).ToArray()),
                ["Values"] = new JsonArray(points.Select(p => (JsonNode)p.Value).ToArray()),
                ["StatusCode"] = "Complete",
            });
        }

        // No Messages member: the world never has a message to give, and an empty list is omitted (as moto answers).
        return TaskOutcome.Success(new JsonObject { ["MetricDataResults"] = results });
    }

    /// <summary>One period's value of a metric: counts add up over the time each rate applied; the p99 is the worst one that applied.</summary>
    private double? Datapoint(string color, string metric, DateTimeOffset from, DateTimeOffset to)
    {
        double errors = 0, requests = 0;
        double? p99 = null;
        var history = MetricHistory(color);
        for (var i = 0; i < history.Count; i++)
        {
            var rates = history[i];
            var segmentEnd = i + 1 < history.Count ? history[i + 1].From : DateTimeOffset.MaxValue;
            var overlap = (Min(segmentEnd, to) - Max(rates.From, from)).TotalMinutes;
            if (!rates.Serving || overlap <= 0)
            {
                continue;
            }

            errors += rates.ErrorsPerMinute * overlap;
            requests += rates.RequestsPerMinute * overlap;
            p99 = Math.Max(p99 ?? 0, rates.P99Ms);
        }

        // Counts are whole responses; a period without any has no datapoint.
        var (value, present) = metric switch
        {
            "HTTPCode_Target_5XX_Count" => (Math.Round(errors), Math.Round(errors) > 0),
            "RequestCount" => (Math.Round(requests), Math.Round(requests) > 0),
            "TargetResponseTime" => ((p99 ?? 0) / 1000.0, Math.Round(requests) > 0),
            // Reported whether or not the color serves traffic, from the target health (the alarms' statistics).
            "HealthyHostCount" or "UnHealthyHostCount" => (HostCount(color, metric, from, to) ?? 0, HostCount(color, metric, from, to) is not null),
            _ => throw new NotSupportedException($"cloudwatch:getMetricData of {metric} is not simulated."),
        };
        return present ? value : null;
    }

    private static DateTimeOffset Time(JsonNode? node) =>
        DateTimeOffset.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static DateTimeOffset Minute(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
