using System.Linq.Expressions;

namespace Deploy.Contracts.Flows;

/// <summary>
/// The output of a successful HealthProbe execution: the verdict, the listener rule's weights and, when asked for, the
/// environment's state item, so operators see all three with Step Functions permissions alone.
/// </summary>
public sealed record HealthProbeOutput
{
    /// <summary>The color judged.</summary>
    public string Color { get; init; } = null!;

    /// <summary>The phase it was judged in.</summary>
    public string Phase { get; init; } = null!;

    /// <summary>The verdict.</summary>
    public HealthStatus Status { get; init; }

    /// <summary>The verdict's reasons (<see cref="HealthVerdict.Reasons"/>).</summary>
    public IReadOnlyList<string> Reasons { get; init; } = null!;

    /// <summary>The figures it was based on.</summary>
    public HealthEvidence Evidence { get; init; } = null!;

    /// <summary>Seconds from the request's <see cref="HealthProbeRequest.DeploymentStartedAt"/> to the verdict; null without it.</summary>
    public int? ElapsedSeconds { get; init; }

    /// <summary>The service's own clock at the verdict: a caller's next metric window ends here, whatever its clock says.</summary>
    public string EvaluatedAt { get; init; } = null!;

    /// <summary>The listener rule's target groups and weights, as <c>DescribeRules</c> returns them.</summary>
    public IReadOnlyList<TargetGroupWeight> Weights { get; init; } = null!;

    /// <summary>The two colors' target group ARNs, to name the weights by color.</summary>
    public ColorTargetGroups TargetGroups { get; init; } = null!;

    /// <summary>The environment's state item, when the request asked for it (<see cref="HealthProbeRequest.ReadRecord"/>) and it could be read.</summary>
    public StateItemRead Record { get; init; } = null!;

    /// <summary>The path of <paramref name="member"/> in the output of a HealthProbe execution's result (<c>$.Output.…</c>, see <see cref="ProbeExecution"/>).</summary>
    public static string Name(Expression<Func<HealthProbeOutput, object?>> member) => StatePath.Name(member);
}
