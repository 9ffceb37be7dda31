using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>A <see href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetDescription.html">TargetDescription</see>.</summary>
public sealed record TargetDescription
{
    /// <summary>The target id: an instance id for instance targets.</summary>
    [JsonPropertyName("Id")]
    public string? Id { get; init; }

    /// <summary>The port the target receives traffic on.</summary>
    [JsonPropertyName("Port")]
    public int? Port { get; init; }

    /// <summary>The Availability Zone, when the response includes it.</summary>
    [JsonPropertyName("AvailabilityZone")]
    public string? AvailabilityZone { get; init; }
}
