using System.Globalization;

namespace Deploy.HealthCheck.Internal;

/// <summary>The reason texts, with figures. Tests assert them verbatim: operators read them in Fail causes and notifications.</summary>
internal static class HealthReasons
{
    public const string NoTargets = "waiting for instances to register: no targets registered";
    public const string NoLatencyDatapoints = "no latency datapoints; not evaluated";
    public const string AlarmInAlarm = "composite alarm in ALARM";
    public const string AlarmOk = "composite alarm OK";
    public const string AlarmInsufficientData = "composite alarm in INSUFFICIENT_DATA; not a failure";
    public const string AlarmNotGiven = "composite alarm state not given; not evaluated";

    public static string Unused(int count) =>
        $"{Targets(count)} unused (target group not attached to the load balancer, or Availability Zone not enabled); will never become healthy";

    public static string Unavailable(int count) =>
        $"{Targets(count)} unavailable (health checks disabled on the target group); will never become healthy";

    public static string TooFewTargets(int registered, int expected) =>
        $"waiting for instances to register: {registered} of {expected} expected targets registered";

    public static string HealthyShare(int healthy, int considered, double percentage, double minimum, bool passes) =>
        $"healthy {healthy}/{considered} ({percentage.ToString("0.0", CultureInfo.InvariantCulture)}%) "
        + $"{(passes ? "meets" : "below")} minimum {Number(minimum)}%";

    public static string StillChecking(int initial, string share) =>
        $"health checks still in progress: {Targets(initial)} initial; {share}";

    public static string Target5xx(double count, int datapoints, double maximum, bool passes) => datapoints == 0
        ? $"no target 5XX datapoints: 0 errors, within maximum {Number(maximum)}"
        : $"target 5XX count {Number(count)} {(passes ? "within" : "above")} maximum {Number(maximum)}";

    public static string P99(double milliseconds, double maximum, bool passes) =>
        $"p99 response time {Number(milliseconds)} ms {(passes ? "within" : "above")} maximum {Number(maximum)} ms";

    public static string MetricsForbidden(IReadOnlyList<string> ids) =>
        $"metric data forbidden for {string.Join(", ", ids)}: the probe may not read CloudWatch metrics; cannot verify";

    public static string MetricsFailed(IReadOnlyList<string> ids) =>
        $"metric data not available for {string.Join(", ", ids)} (CloudWatch InternalError); will retry";

    private static string Targets(int count) => count == 1 ? "1 target" : $"{count} targets";

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
