using Deploy.Contracts;
using Deploy.HealthCheck.Internal;

namespace Deploy.HealthCheck;

/// <summary>
/// Turns a color's target health, metric data and alarm state into a verdict. Pure and
/// single-pass over the targets: tens of microseconds for a thousand targets (see scripts/benchmarks).
/// </summary>
/// <remarks>
/// <para>Target health (both phases), from the <c>TargetHealth.State</c> values of the
/// <see href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html">ELBv2 API reference</see>
/// (<c>initial</c>, <c>healthy</c>, <c>unhealthy</c>, <c>unhealthy.draining</c>, <c>unused</c>, <c>draining</c>,
/// <c>unavailable</c>) and <see href="https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html#target-health-states">the target health states</see>;
/// only <c>healthy</c> counts as healthy:</para>
/// <list type="number">
/// <item><c>draining</c> targets are deregistering: they are not registered targets and appear only in <c>countsByState</c>.
/// Every other state is a registered target.</item>
/// <item>Any <c>unused</c> target (target group not attached, Availability Zone not enabled) or
/// <c>unavailable</c> target (health checks disabled) makes the verdict Unhealthy: it will never become healthy.</item>
/// <item><c>expectedTargets</c> 0 (the group's desired capacity is 0): Unhealthy, whatever is still registered. A color with no
/// instance is never Healthy.</item>
/// <item>Without <c>expectedTargets</c> and no registered target: Pending before traffic ("waiting for instances to register"),
/// Unhealthy after. Before traffic, fewer registered targets than <c>expectedTargets</c>: Pending; the healthy share is not judged yet.</item>
/// <item>healthy% = healthy / max(registered, <c>expectedTargets</c>) × 100: the expected count when fewer are registered (after
/// traffic, fewer healthy than expected × <c>minHealthyPercentage</c> fails), the registered count when more are (a scale-in
/// not finished: the extra targets must be healthy too). At or above <c>minHealthyPercentage</c> with at least one healthy target:
/// passes. Otherwise, before traffic: Pending while any target is <c>initial</c> ("health checks still in progress"), else
/// Unhealthy; after traffic: Unhealthy (a color serving traffic must meet the minimum now). Every other state
/// (<c>unhealthy</c>, <c>unhealthy.draining</c>, states unknown today) counts as not healthy.</item>
/// </list>
/// <para>The composite alarm, before traffic: <c>ALARM</c> is Pending ("composite alarm ALARM: waiting for it to return to OK
/// before traffic"), never Unhealthy: a booting color's HealthyHosts alarm is in ALARM until its targets pass, and traffic must
/// not start while it is (a composite that stays in ALARM sends no state-change event when a real failure follows, so no
/// Rollback starts, and the first probe after traffic would fail a healthy color). The health-poll deadline bounds the wait; a
/// boot that fails is caught by target health. <c>OK</c> or <c>INSUFFICIENT_DATA</c>: passes. Not given: not judged (no reason).
/// The evidence carries the state given, in both phases.</para>
/// <para>After traffic only (before traffic, metrics are ignored and their evidence is null):</para>
/// <list type="number">
/// <item>Target 5XX per minute: the <c>target5xx</c> and <c>requests</c> datapoints (Period 60: one per minute) are matched by
/// timestamp; a minute without a 5XX datapoint had 0 (the load balancer publishes no zero counts). Any minute with more than
/// <c>maxTarget5xxCount</c>: Unhealthy. With <c>maxTarget5xxPercent</c>, any minute whose 5XX / requests × 100 exceeds it:
/// Unhealthy; minutes without requests are skipped. The evidence shows the worst minute and the totals over the window.</item>
/// <item>p99 = largest <c>p99</c> datapoint, seconds converted to milliseconds. No datapoints means no requests:
/// not evaluated, not a failure. Above <c>maxP99ResponseTimeMs</c>: Unhealthy.</item>
/// <item>Composite alarm in <c>ALARM</c>: Unhealthy. <c>OK</c>, <c>INSUFFICIENT_DATA</c> or not given: passes.</item>
/// <item>A query answered <c>Forbidden</c>: Unhealthy (its silence cannot be read as "no errors");
/// <c>InternalError</c>: Pending (the next probe may read it). <c>PartialData</c> is used as it is.</item>
/// </list>
/// <para>Elapsed time: with both <c>deploymentStartedAt</c> (the calling execution's start) and <c>evaluatedAt</c> (when the
/// probe invoked the handler), the verdict carries the whole seconds between them as <see cref="HealthVerdict.ElapsedSeconds"/>;
/// without either it is null. The handler reads no clock: both times come from the Step Functions Context object.</para>
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
        var errors = HealthInputValidator.Validate(input, out var phase, out var elapsedSeconds);
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

        var checks = new List<Check>(7);
        TargetHealthChecks.Add(tally, thresholds.MinHealthyPercentage!.Value, input.ExpectedTargets, phase, checks);
        if (phase == HealthPhase.BeforeTraffic)
        {
            // Only a given state is judged before traffic (the HealthProbe always reads it); without one the verdict is the targets'.
            if (input.AlarmState is not null)
            {
                checks.Add(AlarmCheck.For(input.AlarmState, phase));
            }

            return Verdict(checks, Evidence(tally, input, metrics: null), elapsedSeconds);
        }

        var metrics = MetricFigures.Read(input.MetricData!.MetricDataResults!);
        TrafficChecks.Add(metrics, thresholds, input.AlarmState, checks);
        return Verdict(checks, Evidence(tally, input, metrics), elapsedSeconds);
    }

    private static HealthVerdict Verdict(List<Check> checks, HealthEvidence evidence, int? elapsedSeconds)
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

        return new HealthVerdict { Status = status, Reasons = reasons, Evidence = evidence, ElapsedSeconds = elapsedSeconds };
    }

    private static HealthEvidence Evidence(TargetTally tally, HealthCheckInput input, MetricFigures? metrics) => new()
    {
        Targets = tally.Considered,
        ExpectedTargets = input.ExpectedTargets,
        Healthy = tally.HealthyCount,
        HealthyPercentage = TargetHealthChecks.Percentage(tally, input.ExpectedTargets),
        CountsByState = tally.CountsByState,
        Target5xxCount = metrics?.Target5xxCount,
        P99ResponseTimeMs = metrics?.P99ResponseTimeMs,
        RequestCount = metrics?.RequestCount,
        WorstMinute = metrics is null ? null : Target5xxChecks.Worst(metrics, input.Thresholds!),
        AlarmState = input.AlarmState,
    };

    private static HealthVerdict Failure(IReadOnlyList<FieldError> errors) =>
        HealthVerdict.ForError(DeployError.ForFields(DeployErrors.MalformedInput, InvalidSummary, errors));
}
