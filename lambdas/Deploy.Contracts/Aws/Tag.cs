using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>An EC2 tag.</summary>
public sealed record Tag
{
    /// <summary>The tag key.</summary>
    [JsonPropertyName("Key")]
    public required string Key { get; init; }

    /// <summary>The tag value.</summary>
    [JsonPropertyName("Value")]
    public required string Value { get; init; }
}
