using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>
/// How traffic moves from the live color to the verified new one: the strategy a deployment request names, and the
/// environment's default one (<c>DeploymentConfiguration.DefaultStrategy</c> of the constructs). Serialized by name.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeploymentStrategy>))]
public enum DeploymentStrategy
{
    /// <summary>One listener-rule change from 0 % to 100 %.</summary>
    AllAtOnce,

    /// <summary>The canary percentage, a bake, then 100 %.</summary>
    Canary,

    /// <summary>Equal steps of the linear step percentage, one every linear interval, until 100 %.</summary>
    Linear,
}
