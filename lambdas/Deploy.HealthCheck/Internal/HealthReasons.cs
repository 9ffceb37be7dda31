using System.Globalization;

namespace Deploy.HealthCheck.Internal;

/// <summary>The reason texts, with figures. Tests assert them verbatim: operators read them in Fail causes and notifications.</summary>
internal static class HealthReasons
{
    public const string NoTargets = "waiting for instances to register: no targets registered";
    public const string NoTargetsWhileServing = "no targets registered while the color serves traffic";
    public const string NoneExpected = "0 targets expected (the group's desired capacity is 0): a color without instances is never healthy";
    public const string No5xxRate = "no requests in the window: target 5XX rate not evaluated";
    public const string NoLatencyDatapoints = "no latency datapoints; not evaluated";
    public const string AlarmInAlarm = "composite alarm in ALARM";
    public const string AlarmInAlarmBeforeTraffic = "composite alarm ALARM: waiting for it to return to OK before traffic";
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

    public static string NoHealthyTarget(int considered) =>
        $"healthy 0/{considered}: no healthy target, and a color without one is never healthy";

    public static string Registered(int registered, int expected) => $"; {registered} of {expected} expected targets registered";

    public static string StillChecking(int initial, string share) =>
        $"health checks still in progress: {Targets(initial)} initial; {share}";

    public static string No5xx(double maximum) =>
        $"no target 5XX datapoints: 0 errors a minute, within maximum {Number(maximum)} a minute";

    public static string Target5xxWithin(double worst, int minutes, double maximum) =>
        $"target 5XX at most {Number(worst)} a minute over {Minutes(minutes)}, within maximum {Number(maximum)} a minute";

    public static string Target5xxAbove(double count, string minute, double maximum, int breaching, int minutes) =>
        $"target 5XX {Number(count)} in the minute from {minute}, above maximum {Number(maximum)} a minute ({breaching} of {Minutes(minutes)})";

    public static string RateWithin(double worst, int minutes, double maximum) =>
        $"target 5XX rate at most {Number(worst)}% a minute over {Minutes(minutes)} with requests, within maximum {Number(maximum)}%";

    public static string RateAbove(MetricMinute minute, double maximum, int breaching, int minutes) =>
        $"target 5XX rate {Number(minute.Percent!.Value)}% ({Number(minute.Errors)} of {Number(minute.Requests)} requests) in the minute from "
        + $"{minute.Timestamp}, above maximum {Number(maximum)}% ({breaching} of {Minutes(minutes)} with requests)";

    public static string P99(double milliseconds, double maximum, bool passes) =>
        $"p99 response time {Number(milliseconds)} ms {(passes ? "within" : "above")} maximum {Number(maximum)} ms";

    public static string MetricsForbidden(IReadOnlyList<string> ids) =>
        $"metric data forbidden for {string.Join(", ", ids)}: the probe may not read CloudWatch metrics; cannot verify";

    public static string MetricsFailed(IReadOnlyList<string> ids) =>
        $"metric data not available for {string.Join(", ", ids)} (CloudWatch InternalError); will retry";

    private static string Targets(int count) => count == 1 ? "1 target" : $"{count} targets";

    private static string Minutes(int count) => count == 1 ? "1 minute" : $"{count} minutes";

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
