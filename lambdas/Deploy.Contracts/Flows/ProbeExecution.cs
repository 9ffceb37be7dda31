using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>The result of a synchronous HealthProbe execution (<c>StartExecution.sync</c>): its output, parsed.</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record ProbeExecution
{
    /// <summary>The HealthProbe's verdict.</summary>
    [JsonPropertyName("Output")]
    public HealthProbeOutput Output { get; init; } = null!;
}
