using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>The target groups of a forward action, with their weights.</summary>
/// <remarks>Declares what a task's result selector reads, for <see cref="StatePath"/>; members are non-null so paths read without <c>!</c>.</remarks>
public sealed record ForwardConfig
{
    /// <summary>The target groups.</summary>
    [JsonPropertyName("TargetGroups")]
    public IReadOnlyList<TargetGroupWeight> TargetGroups { get; init; } = null!;
}
