using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary><c>$$.Execution</c>: the running execution.</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record ExecutionContext
{
    /// <summary>The execution's ARN.</summary>
    [JsonPropertyName("Id")]
    public string Id { get; init; } = null!;

    /// <summary>The execution's name.</summary>
    [JsonPropertyName("Name")]
    public string Name { get; init; } = null!;

    /// <summary>When the execution started (ISO 8601).</summary>
    [JsonPropertyName("StartTime")]
    public string StartTime { get; init; } = null!;
}
