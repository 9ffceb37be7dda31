using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>The parts of an <see href="https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_AutoScalingGroup.html">AutoScalingGroup</see> the handlers read.</summary>
public sealed record AutoScalingGroup
{
    /// <summary>The group's name.</summary>
    [JsonPropertyName("AutoScalingGroupName")]
    public string? AutoScalingGroupName { get; init; }

    /// <summary>The launch template, when the group uses one directly.</summary>
    [JsonPropertyName("LaunchTemplate")]
    public LaunchTemplateSpecification? LaunchTemplate { get; init; }

    /// <summary>The launch configuration, when the group uses one instead of a launch template.</summary>
    [JsonPropertyName("LaunchConfigurationName")]
    public string? LaunchConfigurationName { get; init; }

    /// <summary>The mixed instances policy, when the group uses one instead of a launch template.</summary>
    [JsonPropertyName("MixedInstancesPolicy")]
    public MixedInstancesPolicy? MixedInstancesPolicy { get; init; }

    /// <summary>The minimum size.</summary>
    [JsonPropertyName("MinSize")]
    public int? MinSize { get; init; }

    /// <summary>The maximum size.</summary>
    [JsonPropertyName("MaxSize")]
    public int? MaxSize { get; init; }

    /// <summary>The desired capacity.</summary>
    [JsonPropertyName("DesiredCapacity")]
    public int? DesiredCapacity { get; init; }
}
