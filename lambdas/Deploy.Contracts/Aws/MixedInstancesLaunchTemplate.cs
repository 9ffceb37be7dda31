using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>The part of a mixed instances policy's <see href="https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_LaunchTemplate.html">LaunchTemplate</see> the handlers read.</summary>
public sealed record MixedInstancesLaunchTemplate
{
    /// <summary>The launch template the policy uses.</summary>
    [JsonPropertyName("LaunchTemplateSpecification")]
    public LaunchTemplateSpecification? LaunchTemplateSpecification { get; init; }
}
