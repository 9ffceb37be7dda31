using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>The result of a <c>GetItem</c> of the state item: <c>Item</c>, absent when there is no such item.</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record StateItemRead
{
    /// <summary>The state item, in DynamoDB's attribute-value form.</summary>
    [JsonPropertyName("Item")]
    public StateItem Item { get; init; } = null!;
}
