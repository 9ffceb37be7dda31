namespace Deploy.HealthCheck.Tests;

/// <summary>Expected reason texts, written out in full so a change to any of them fails a test.</summary>
internal static class HealthReasonTexts
{
    public const string NoTargets = "waiting for instances to register: no targets registered";
    public const string OneUnused =
        "1 target unused (target group not attached to the load balancer, or Availability Zone not enabled); will never become healthy";
    public const string TwoUnavailable =
        "2 targets unavailable (health checks disabled on the target group); will never become healthy";
    public const string No5xx = "no target 5XX datapoints: 0 errors, within maximum 10";
    public const string NoLatency = "no latency datapoints; not evaluated";
    public const string AlarmOk = "composite alarm OK";
    public const string InAlarm = "composite alarm in ALARM";
}
