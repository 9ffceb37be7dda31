using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>The members of an Elastic Load Balancing <c>DescribeRules</c> response that the flows select (ELB API reference).</summary>
/// <remarks>Declares what a task's result selector reads, for <see cref="StatePath"/>; members are non-null so paths read without <c>!</c>.</remarks>
public sealed record DescribeRulesResult
{
    /// <summary>The rules asked for.</summary>
    [JsonPropertyName("Rules")]
    public IReadOnlyList<ListenerRule> Rules { get; init; } = null!;
}
