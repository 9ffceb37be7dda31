using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary><c>$$.Task</c>: the task of a callback state.</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record TaskContext
{
    /// <summary>The task token a callback returns.</summary>
    [JsonPropertyName("Token")]
    public string Token { get; init; } = null!;
}
