using System.Linq.Expressions;

namespace Deploy.Contracts.Flows;

/// <summary>
/// The input of a HealthProbe execution: which color to judge, in which phase, and what the caller knows. The Deploy and
/// Rollback flows pass every member but <see cref="Thresholds"/> and <see cref="ReadRecord"/>; the CLI's <c>health</c>,
/// <c>info</c> and <c>status</c> pass the color, the phase and, for <c>info</c>/<c>status</c>, <see cref="ReadRecord"/>.
/// </summary>
/// <remarks>Declares where the flow reads data, for <see cref="StatePath"/>; a member is non-null here so paths read without
/// <c>!</c>, though only <see cref="Color"/> and <see cref="Phase"/> are required.</remarks>
public record HealthProbeRequest
{
    /// <summary>The phase before the color takes traffic: target health and the composite alarm.</summary>
    public const string BeforeTraffic = "BeforeTraffic";

    /// <summary>The phase once the color takes traffic: also its 5XX count, p99 response time and request count since <see cref="Since"/>.</summary>
    public const string AfterTraffic = "AfterTraffic";

    /// <summary>Required. The color to judge, <c>blue</c> or <c>green</c>.</summary>
    public string Color { get; init; } = null!;

    /// <summary>Required. <see cref="BeforeTraffic"/> or <see cref="AfterTraffic"/>.</summary>
    public string Phase { get; init; } = null!;

    /// <summary>The ISO-8601 start of the metric window; required after traffic.</summary>
    public string Since { get; init; } = null!;

    /// <summary>The color's group's desired capacity; without it the verdict judges whatever is registered.</summary>
    public int? ExpectedTargets { get; init; }

    /// <summary>The calling execution's <c>$$.Execution.StartTime</c>; the verdict's <see cref="HealthVerdict.ElapsedSeconds"/> counts from it.</summary>
    public string DeploymentStartedAt { get; init; } = null!;

    /// <summary>Overrides of the configured thresholds, merged over them.</summary>
    public HealthThresholds Thresholds { get; init; } = null!;

    /// <summary><see langword="true"/> to add the environment's state item to the output (<see cref="HealthProbeOutput.Record"/>).</summary>
    public bool? ReadRecord { get; init; }

    /// <summary>The name of <paramref name="member"/> as an input key (<c>expectedTargets</c>).</summary>
    public static string Name(Expression<Func<HealthProbeRequest, object?>> member) => StatePath.Name(member);
}
