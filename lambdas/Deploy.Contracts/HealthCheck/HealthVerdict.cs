using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>
/// The HealthCheck handler's output. On an error the shape stays the same: status
/// <see cref="HealthStatus.Unhealthy"/>, reasons holding the error's cause, empty evidence, and
/// <see cref="Error"/> set; the state machine tests <c>$.error</c> before <c>$.status</c>.
/// </summary>
public sealed record HealthVerdict
{
    /// <summary>The verdict.</summary>
    public required HealthStatus Status { get; init; }

    /// <summary>
    /// For Pending and Unhealthy, every failing check with its figures; for Healthy, every check
    /// that passed (including checks that were not evaluated, with why).
    /// </summary>
    public required IReadOnlyList<string> Reasons { get; init; }

    /// <summary>The figures the verdict was based on.</summary>
    public required HealthEvidence Evidence { get; init; }

    /// <summary>
    /// Whole seconds from <see cref="HealthCheckInput.DeploymentStartedAt"/> to <see cref="HealthCheckInput.EvaluatedAt"/>
    /// (rounded down): how long the deployment had been running when this verdict was taken. <see langword="null"/> when
    /// either time is not given, and on an error. Always written, so the state machine can read it as a path.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? ElapsedSeconds { get; init; }

    /// <summary><see langword="null"/> on success (always written); <see cref="DeployErrors.MalformedInput"/> for bad input.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DeployError? Error { get; init; }

    /// <summary>The verdict for an input that could not be judged: Unhealthy, the cause as the only reason, empty evidence.</summary>
    /// <param name="error">The error, usually <see cref="DeployErrors.MalformedInput"/>.</param>
    public static HealthVerdict ForError(DeployError error) => new()
    {
        Status = HealthStatus.Unhealthy,
        Reasons = [error.Cause],
        Evidence = HealthEvidence.Empty,
        Error = error,
    };
}
