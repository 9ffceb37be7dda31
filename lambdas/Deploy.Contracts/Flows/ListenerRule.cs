using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>A listener rule of a <c>DescribeRules</c> response.</summary>
/// <remarks>Declares what a task's result selector reads, for <see cref="StatePath"/>; members are non-null so paths read without <c>!</c>.</remarks>
public sealed record ListenerRule
{
    /// <summary>The rule's actions.</summary>
    [JsonPropertyName("Actions")]
    public IReadOnlyList<RuleAction> Actions { get; init; } = null!;
}
