using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>
/// An <see href="https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_UpdateAutoScalingGroup.html">UpdateAutoScalingGroup</see>
/// request body, ready for the Step Functions <c>autoscaling:updateAutoScalingGroup</c> integration.
/// </summary>
public sealed record UpdateAutoScalingGroupRequest
{
    /// <summary>The group to update.</summary>
    [JsonPropertyName("AutoScalingGroupName")]
    public required string AutoScalingGroupName { get; init; }

    /// <summary>The launch template id and a numbered version (never <c>$Latest</c> or <c>$Default</c>).</summary>
    [JsonPropertyName("LaunchTemplate")]
    public required LaunchTemplateSpecification LaunchTemplate { get; init; }

    /// <summary>The minimum size.</summary>
    [JsonPropertyName("MinSize")]
    public required int MinSize { get; init; }

    /// <summary>The maximum size.</summary>
    [JsonPropertyName("MaxSize")]
    public required int MaxSize { get; init; }

    /// <summary>The desired capacity.</summary>
    [JsonPropertyName("DesiredCapacity")]
    public required int DesiredCapacity { get; init; }
}
