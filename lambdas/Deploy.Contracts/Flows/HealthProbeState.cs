using System.Linq.Expressions;

namespace Deploy.Contracts.Flows;

/// <summary>
/// The data of a HealthProbe execution: its input (<see cref="HealthProbeRequest"/>) and every field its states write
/// before the output (<see cref="HealthProbeOutput"/>) is assembled.
/// </summary>
/// <remarks>Declares where the flow keeps data, for <see cref="StatePath"/>; a member is non-null here so paths read without
/// <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record HealthProbeState : HealthProbeRequest
{
    /// <summary>The judged color's resources and the configured thresholds.</summary>
    public ProbeResources Resources { get; init; } = null!;

    /// <summary>The thresholds in force: the configured ones, with the request's overrides merged over them.</summary>
    public ProbeThresholds Effective { get; init; } = null!;

    /// <summary>The request's expected targets, or JSON null.</summary>
    public ProbeExpectedTargets Expected { get; init; } = null!;

    /// <summary>The request's deployment start, or JSON null.</summary>
    public ProbeStart Started { get; init; } = null!;

    /// <summary>The color's target health (its <c>DescribeTargetHealth</c> response).</summary>
    public DescribeTargetHealthResponse TargetHealth { get; init; } = null!;

    /// <summary>The color's metrics since <see cref="HealthProbeRequest.Since"/> (after traffic).</summary>
    public GetMetricDataResponse MetricData { get; init; } = null!;

    /// <summary>The color's composite alarm state.</summary>
    public ProbeAlarm Alarm { get; init; } = null!;

    /// <summary>The HealthCheck handler's verdict.</summary>
    public HealthVerdict Verdict { get; init; } = null!;

    /// <summary>The listener rule's weights.</summary>
    public RuleRead Weights { get; init; } = null!;

    /// <summary>The state item, when the request asked for it.</summary>
    public StateItemRead Record { get; init; } = null!;

    /// <summary>The error of a state-item read that failed (the output then has no record).</summary>
    public ErrorInfo RecordFailure { get; init; } = null!;

    /// <summary>The path of <paramref name="member"/> in a HealthProbe execution's state.</summary>
    public static string Path(Expression<Func<HealthProbeState, object?>> member) => StatePath.Of(member);
}
