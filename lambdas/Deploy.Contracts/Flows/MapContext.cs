using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary><c>$$.Map</c>: the current Map iteration.</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record MapContext
{
    /// <summary>The item of this iteration.</summary>
    [JsonPropertyName("Item")]
    public MapItemContext Item { get; init; } = null!;
}
