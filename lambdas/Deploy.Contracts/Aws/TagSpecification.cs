using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>An EC2 launch-template tag specification: the tags of one resource type.</summary>
public sealed record TagSpecification
{
    /// <summary>The resource type tagged, here <c>instance</c>.</summary>
    [JsonPropertyName("ResourceType")]
    public required string ResourceType { get; init; }

    /// <summary>The tags.</summary>
    [JsonPropertyName("Tags")]
    public required IReadOnlyList<Tag> Tags { get; init; }
}
