using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>A <see href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html">TargetHealth</see>.</summary>
public sealed record TargetHealth
{
    /// <summary>
    /// <c>initial</c>, <c>healthy</c>, <c>unhealthy</c>, <c>unhealthy.draining</c>, <c>unused</c>,
    /// <c>draining</c> or <c>unavailable</c>.
    /// </summary>
    [JsonPropertyName("State")]
    public string? State { get; init; }

    /// <summary>The reason code, for example <c>Elb.InitialHealthChecking</c>; absent when healthy.</summary>
    [JsonPropertyName("Reason")]
    public string? Reason { get; init; }

    /// <summary>A description of the reason.</summary>
    [JsonPropertyName("Description")]
    public string? Description { get; init; }
}
