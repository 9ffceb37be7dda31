using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>The part of a <see href="https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_MixedInstancesPolicy.html">MixedInstancesPolicy</see> the handlers read.</summary>
public sealed record MixedInstancesPolicy
{
    /// <summary>The policy's launch template.</summary>
    [JsonPropertyName("LaunchTemplate")]
    public MixedInstancesLaunchTemplate? LaunchTemplate { get; init; }
}
