using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>A DynamoDB string attribute value as a DynamoDB task returns it (<c>{ "S": "…" }</c>).</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record StringAttribute
{
    /// <summary>The string.</summary>
    [JsonPropertyName("S")]
    public string S { get; init; } = null!;
}
