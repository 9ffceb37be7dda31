using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>A DynamoDB map attribute value as a DynamoDB task returns it (<c>{ "M": { … } }</c>).</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record MapAttribute
{
    /// <summary>The map's attributes.</summary>
    [JsonPropertyName("M")]
    public IReadOnlyDictionary<string, object> M { get; init; } = null!;
}
