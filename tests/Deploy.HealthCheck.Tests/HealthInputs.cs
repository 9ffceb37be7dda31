using System.Text.Json;
using Deploy.Contracts;

namespace Deploy.HealthCheck.Tests;

/// <summary>Builds HealthCheck inputs shaped like the Step Functions aws-sdk responses.</summary>
internal static class HealthInputs
{
    /// <summary>The end of the metric window the helpers use: <see cref="Minute"/>(0) is the newest minute.</summary>
    public static readonly DateTimeOffset WindowEnd = new(2026, 1, 1, 1, 0, 0, TimeSpan.Zero);

    public static HealthThresholds Thresholds(double min = 75, double max5xx = 10, double maxP99Ms = 2000, double? max5xxPercent = null) => new()
    {
        MinHealthyPercentage = min,
        MaxTarget5xxCount = max5xx,
        MaxTarget5xxPercent = max5xxPercent,
        MaxP99ResponseTimeMs = maxP99Ms,
    };

    /// <summary>The timestamp of the minute <paramref name="minutesAgo"/> before <see cref="WindowEnd"/>, as GetMetricData writes it.</summary>
    public static string Minute(int minutesAgo) =>
        WindowEnd.AddMinutes(-minutesAgo).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One target per state; <paramref name="states"/> is comma-separated, empty for none.</summary>
    public static DescribeTargetHealthResponse Targets(string states) =>
        Targets(states.Length == 0 ? [] : states.Split(','));

    public static DescribeTargetHealthResponse Targets(IEnumerable<string> states) => new()
    {
        TargetHealthDescriptions = states
            .Select((state, i) => new TargetHealthDescription
            {
                Target = new TargetDescription { Id = $"i-{i:x17}", Port = 80 },
                HealthCheckPort = "80",
                TargetHealth = new TargetHealth { State = state },
            })
            .ToList(),
    };

    /// <summary>One value per minute, newest first (the default <c>ScanBy</c>): values[i] is <see cref="Minute"/>(i).</summary>
    public static MetricDataResult Result(string id, params double[] values) => new()
    {
        Id = id,
        Label = id,
        Timestamps = values.Select((_, i) => Minute(i)).ToList(),
        Values = values,
        StatusCode = "Complete",
    };

    /// <summary>Values at the given minutes (minutes ago): a series with gaps, as the load balancer publishes no zero counts.</summary>
    public static MetricDataResult Series(string id, params (int MinutesAgo, double Value)[] points) => new()
    {
        Id = id,
        Label = id,
        Timestamps = points.Select(p => Minute(p.MinutesAgo)).ToList(),
        Values = points.Select(p => p.Value).ToList(),
        StatusCode = "Complete",
    };

    public static HealthCheckInput Before(string states, HealthThresholds? thresholds = null, int? expected = null) => new()
    {
        Phase = "BeforeTraffic",
        Color = "green",
        Thresholds = thresholds ?? Thresholds(),
        ExpectedTargets = expected,
        TargetHealth = Targets(states),
    };

    public static HealthCheckInput After(
        string states, IReadOnlyList<MetricDataResult> results, string? alarmState = "OK", HealthThresholds? thresholds = null, int? expected = null) => new()
    {
        Phase = "AfterTraffic",
        Color = "green",
        Thresholds = thresholds ?? Thresholds(),
        ExpectedTargets = expected,
        TargetHealth = Targets(states),
        MetricData = new GetMetricDataResponse { MetricDataResults = results },
        AlarmState = alarmState,
    };

    /// <summary>Parses JSON written with single quotes.</summary>
    public static HealthCheckInput Parse(string singleQuoted) =>
        JsonSerializer.Deserialize(singleQuoted.Replace('\'', '"'), DeployJsonContext.Default.HealthCheckInput)!;
}
