using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary><c>$$.Map.Item</c>: the item a Map iteration processes.</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record MapItemContext
{
    /// <summary>The item.</summary>
    [JsonPropertyName("Value")]
    public object Value { get; init; } = null!;
}
