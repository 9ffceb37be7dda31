using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>A listener rule's action.</summary>
/// <remarks>Declares what a task's result selector reads, for <see cref="StatePath"/>; members are non-null so paths read without <c>!</c>.</remarks>
public sealed record RuleAction
{
    /// <summary>The forward action's target groups.</summary>
    [JsonPropertyName("ForwardConfig")]
    public ForwardConfig ForwardConfig { get; init; } = null!;
}
