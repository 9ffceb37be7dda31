using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary><c>$$.State</c>: the state being entered.</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record StateContext
{
    /// <summary>When the state was entered (ISO 8601).</summary>
    [JsonPropertyName("EnteredTime")]
    public string EnteredTime { get; init; } = null!;
}
