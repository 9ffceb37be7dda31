using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>
/// A <see href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealthDescription.html">TargetHealthDescription</see>:
/// one target and its health.
/// </summary>
public sealed record TargetHealthDescription
{
    /// <summary>The target.</summary>
    [JsonPropertyName("Target")]
    public TargetDescription? Target { get; init; }

    /// <summary>The port used for health checks.</summary>
    [JsonPropertyName("HealthCheckPort")]
    public string? HealthCheckPort { get; init; }

    /// <summary>The target's health.</summary>
    [JsonPropertyName("TargetHealth")]
    public TargetHealth? TargetHealth { get; init; }
}
