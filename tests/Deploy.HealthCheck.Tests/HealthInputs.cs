using System.Text.Json;
using Deploy.Contracts;

namespace Deploy.HealthCheck.Tests;

/// <summary>Builds HealthCheck inputs shaped like the Step Functions aws-sdk responses.</summary>
internal static class HealthInputs
{
    public static HealthThresholds Thresholds(double min = 75, double max5xx = 10, double maxP99Ms = 2000, int? expected = null) => new()
    {
        MinHealthyPercentage = min,
        MaxTarget5xxCount = max5xx,
        MaxP99ResponseTimeMs = maxP99Ms,
        ExpectedTargetCount = expected,
    };

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

    public static MetricDataResult Result(string id, params double[] values) => new()
    {
        Id = id,
        Label = id,
        Values = values,
        StatusCode = "Complete",
    };

    public static HealthCheckInput Before(string states, HealthThresholds? thresholds = null) => new()
    {
        Phase = "BeforeTraffic",
        Color = "green",
        Thresholds = thresholds ?? Thresholds(),
        TargetHealth = Targets(states),
    };

    public static HealthCheckInput After(
        string states, IReadOnlyList<MetricDataResult> results, string? alarmState = "OK", HealthThresholds? thresholds = null) => new()
    {
        Phase = "AfterTraffic",
        Color = "green",
        Thresholds = thresholds ?? Thresholds(),
        TargetHealth = Targets(states),
        MetricData = new GetMetricDataResponse { MetricDataResults = results },
        AlarmState = alarmState,
    };

    /// <summary>Parses JSON written with single quotes.</summary>
    public static HealthCheckInput Parse(string singleQuoted) =>
        JsonSerializer.Deserialize(singleQuoted.Replace('\'', '"'), DeployJsonContext.Default.HealthCheckInput)!;
}
