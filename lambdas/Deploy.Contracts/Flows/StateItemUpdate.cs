using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>The result of an <c>UpdateItem</c> of the state item with <c>ReturnValues = ALL_NEW</c>.</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record StateItemUpdate
{
    /// <summary>The state item after the update, in DynamoDB's attribute-value form.</summary>
    [JsonPropertyName("Attributes")]
    public StateItem Attributes { get; init; } = null!;
}
