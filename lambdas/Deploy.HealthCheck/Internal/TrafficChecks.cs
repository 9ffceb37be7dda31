using Deploy.Contracts;

namespace Deploy.HealthCheck.Internal;

/// <summary>The checks that only make sense once the color serves traffic: target 5XX per minute, p99 latency, composite alarm.</summary>
internal static class TrafficChecks
{
    public static void Add(MetricFigures metrics, HealthThresholds thresholds, string? alarmState, List<Check> checks)
    {
        // A query CloudWatch refused will never have data: treating its silence as "no errors" would pass a
        // color nobody can see. A query that failed inside CloudWatch may succeed at the next probe.
        if (metrics.Forbidden.Count > 0)
        {
            checks.Add(new Check(HealthStatus.Unhealthy, HealthReasons.MetricsForbidden(metrics.Forbidden)));
        }

        if (metrics.Failed.Count > 0)
        {
            checks.Add(new Check(HealthStatus.Pending, HealthReasons.MetricsFailed(metrics.Failed)));
        }

        Target5xxChecks.Add(metrics, thresholds, checks);

        if (metrics.P99ResponseTimeMs is { } p99)
        {
            var maxP99 = thresholds.MaxP99ResponseTimeMs!.Value;
            var latencyPasses = p99 <= maxP99;
            checks.Add(new Check(
                latencyPasses ? HealthStatus.Healthy : HealthStatus.Unhealthy,
                HealthReasons.P99(p99, maxP99, latencyPasses)));
        }
        else
        {
            checks.Add(new Check(HealthStatus.Healthy, HealthReasons.NoLatencyDatapoints));
        }

        checks.Add(AlarmCheck.For(alarmState, HealthPhase.AfterTraffic));
    }
}
