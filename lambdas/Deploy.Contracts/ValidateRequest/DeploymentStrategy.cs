using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>How traffic moves from the live color to the new one. Serialized by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeploymentStrategy>))]
public enum DeploymentStrategy
{
    /// <summary>One step: 100% of traffic to the new color.</summary>
    AllAtOnce,

    /// <summary>Two steps: the canary percentage, a bake, then 100%.</summary>
    Canary,

    /// <summary>Equal steps of the linear step percentage until 100%.</summary>
    Linear,
}
