namespace Deploy.HealthCheck.Tests;

/// <summary>Expected reason texts, written out in full so a change to any of them fails a test.</summary>
internal static class HealthReasonTexts
{
    public const string NoTargets = "waiting for instances to register: no targets registered";
    public const string OneUnused =
        "1 target unused (target group not attached to the load balancer, or Availability Zone not enabled); will never become healthy";
    public const string TwoUnavailable =
        "2 targets unavailable (health checks disabled on the target group); will never become healthy";
    public const string No5xx = "no target 5XX datapoints: 0 errors a minute, within maximum 10 a minute";
    public const string NoneExpected = "0 targets expected (the group's desired capacity is 0): a color without instances is never healthy";
    public const string NoTargetsWhileServing = "no targets registered while the color serves traffic";
    public const string No5xxRate = "no requests in the window: target 5XX rate not evaluated";
    public const string NoLatency = "no latency datapoints; not evaluated";
    public const string AlarmOk = "composite alarm OK";
    public const string InAlarm = "composite alarm in ALARM";
    public const string AlarmWaitsBeforeTraffic = "composite alarm ALARM: waiting for it to return to OK before traffic";
    public const string AlarmInsufficientData = "composite alarm in INSUFFICIENT_DATA; not a failure";
}
