using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>The HealthCheck verdict. Serialized by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HealthStatus>))]
public enum HealthStatus
{
    /// <summary>Every check passes: traffic may move (or stay).</summary>
    Healthy,

    /// <summary>Not yet decidable: targets are registering or their first health checks are running. Poll again.</summary>
    Pending,

    /// <summary>A check fails in a way that waiting will not fix, or the input was invalid: roll back.</summary>
    Unhealthy,
}
