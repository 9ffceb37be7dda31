using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>An error as a <c>Catch</c> leaves it at its <c>ResultPath</c> (and as the flows record their own failures).</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record ErrorInfo
{
    /// <summary>The error name.</summary>
    [JsonPropertyName("Error")]
    public string Error { get; init; } = null!;

    /// <summary>The cause.</summary>
    [JsonPropertyName("Cause")]
    public string Cause { get; init; } = null!;
}
