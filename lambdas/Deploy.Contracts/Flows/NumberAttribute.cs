using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>A DynamoDB number attribute value as a DynamoDB task returns it (<c>{ "N": "…" }</c>: a number as a string).</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record NumberAttribute
{
    /// <summary>The number, as DynamoDB sends it (a string).</summary>
    [JsonPropertyName("N")]
    public string N { get; init; } = null!;
}
