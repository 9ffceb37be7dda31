using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>An instance of a described Auto Scaling group.</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record GroupInstance
{
    /// <summary><c>InService</c>, <c>Pending</c>, ….</summary>
    [JsonPropertyName("LifecycleState")]
    public string LifecycleState { get; init; } = null!;

    /// <summary><c>Healthy</c> or <c>Unhealthy</c>.</summary>
    [JsonPropertyName("HealthStatus")]
    public string HealthStatus { get; init; } = null!;

    /// <summary>The launch template version it was launched from.</summary>
    [JsonPropertyName("LaunchTemplate")]
    public LaunchTemplateSpecification LaunchTemplate { get; init; } = null!;
}
