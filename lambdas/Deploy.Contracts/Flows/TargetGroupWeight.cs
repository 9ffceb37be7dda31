using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>One target group of the listener rule's forward action, with its weight.</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record TargetGroupWeight
{
    /// <summary>The target group.</summary>
    [JsonPropertyName("TargetGroupArn")]
    public string TargetGroupArn { get; init; } = null!;

    /// <summary>Its weight (0–100 here).</summary>
    [JsonPropertyName("Weight")]
    public int Weight { get; init; }
}
