using Deploy.Contracts;
using Deploy.HealthCheck.Internal;

namespace Deploy.HealthCheck;

/// <summary>
/// Turns a color's target health, metric data and alarm state into a verdict. Pure and
/// single-pass over the targets: tens of microseconds for a thousand targets (see scripts/benchmarks).
/// </summary>
/// <remarks>
/// <para>Target health (both phases), from
/// <see href="https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html#target-health-states">the target health states</see>:</para>
/// <list type="number">
/// <item><c>draining</c> targets are leaving: they are excluded from every count but <c>countsByState</c>.</item>
/// <item>Any <c>unused</c> target (target group not attached, Availability Zone not enabled) or
/// <c>unavailable</c> target (health checks disabled) makes the verdict Unhealthy: it will never become healthy.</item>
/// <item>No counted targets, or fewer than <c>expectedTargetCount</c>: Pending ("waiting for instances to register");
/// the healthy share is not judged yet.</item>
/// <item>healthy% = healthy / counted × 100. At or above <c>minHealthyPercentage</c>: passes. Below it: Pending while
/// any target is <c>initial</c> ("health checks still in progress"), otherwise Unhealthy. Every other state
/// (<c>unhealthy</c>, <c>unhealthy.draining</c>, states unknown today) counts as not healthy.</item>
/// </list>
/// <para>After traffic only (before traffic, metrics and the alarm are ignored and their evidence is null):</para>
/// <list type="number">
/// <item>Target 5XX = sum of the <c>target5xx</c> datapoints; no datapoints means 0 (the load balancer publishes
/// no zero counts). Above <c>maxTarget5xxCount</c>: Unhealthy.</item>
/// <item>p99 = largest <c>p99</c> datapoint, seconds converted to milliseconds. No datapoints means no requests:
/// not evaluated, not a failure. Above <c>maxP99ResponseTimeMs</c>: Unhealthy.</item>
/// <item>Composite alarm in <c>ALARM</c>: Unhealthy. <c>OK</c>, <c>INSUFFICIENT_DATA</c> or not given: passes.</item>
/// <item>Request count = sum of the <c>requests</c> datapoints, evidence only.</item>
/// <item>A query answered <c>Forbidden</c>: Unhealthy (its silence cannot be read as "no errors");
/// <c>InternalError</c>: Pending (the next probe may read it). <c>PartialData</c> is used as it is.</item>
/// </list>
/// <para>
/// The verdict is the worst check: Unhealthy over Pending over Healthy, so an Unhealthy metric wins
/// over targets still registering. Input that lacks what the phase needs, or has thresholds out of range,
/// yields <see cref="DeployErrors.MalformedInput"/> with status Unhealthy, the cause as the only reason and
/// empty evidence.
/// </para>
/// </remarks>
public static class HealthEvaluator
{
    private const string InvalidSummary = "The HealthCheck input is invalid";

    /// <summary>Judges <paramref name="input"/>.</summary>
    /// <param name="input">The phase, thresholds and what Step Functions read from AWS.</param>
    /// <returns>The verdict, with reasons and evidence; or an error.</returns>
    public static HealthVerdict Evaluate(HealthCheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = HealthInputValidator.Validate(input, out var phase);
        if (errors.Count > 0)
        {
            return Failure(errors);
        }

        var thresholds = input.Thresholds!;
        var tally = TargetTally.Count(input.TargetHealth!.TargetHealthDescriptions!);
        if (tally.FirstMissingState >= 0)
        {
            return Failure([FieldError.Required(
                $"targetHealth.TargetHealthDescriptions[{tally.FirstMissingState}].TargetHealth.State",
                HealthInputValidator.AllowedTargetHealth)]);
        }

        var checks = new List<Check>(6);
        TargetHealthChecks.Add(tally, thresholds, checks);
        if (phase == HealthPhase.BeforeTraffic)
        {
            return Verdict(checks, Evidence(tally, metrics: null, alarmState: null));
        }

        var metrics = MetricFigures.Read(input.MetricData!.MetricDataResults!);
        TrafficChecks.Add(metrics, thresholds, input.AlarmState, checks);
        return Verdict(checks, Evidence(tally, metrics, input.AlarmState));
    }

    private static HealthVerdict Verdict(List<Check> checks, HealthEvidence evidence)
    {
        var status = HealthStatus.Healthy;
        foreach (var check in checks)
        {
            status = check.Status > status ? check.Status : status;
        }

        // Healthy: every check passed, so list them all; otherwise list only what is wrong.
        var reasons = new List<string>(checks.Count);
        foreach (var check in checks)
        {
            if (status == HealthStatus.Healthy || check.Status != HealthStatus.Healthy)
            {
                reasons.Add(check.Reason);
            }
        }

        return new HealthVerdict { Status = status, Reasons = reasons, Evidence = evidence };
    }

    private static HealthEvidence Evidence(TargetTally tally, MetricFigures? metrics, string? alarmState) => new()
    {
        Targets = tally.Considered,
        Healthy = tally.HealthyCount,
        HealthyPercentage = TargetHealthChecks.Percentage(tally),
        CountsByState = tally.CountsByState,
        Target5xxCount = metrics?.Target5xxCount,
        P99ResponseTimeMs = metrics?.P99ResponseTimeMs,
        RequestCount = metrics?.RequestCount,
        AlarmState = alarmState,
    };

    private static HealthVerdict Failure(IReadOnlyList<FieldError> errors) =>
        HealthVerdict.ForError(DeployError.ForFields(DeployErrors.MalformedInput, InvalidSummary, errors));
}
