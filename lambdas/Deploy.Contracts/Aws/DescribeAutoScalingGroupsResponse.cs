using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>
/// The part of an Amazon EC2 Auto Scaling
/// <see href="https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DescribeAutoScalingGroups.html">DescribeAutoScalingGroups</see>
/// response the handlers read, as the Step Functions aws-sdk integration returns it.
/// </summary>
public sealed record DescribeAutoScalingGroupsResponse
{
    /// <summary>The groups described.</summary>
    [JsonPropertyName("AutoScalingGroups")]
    public IReadOnlyList<AutoScalingGroup>? AutoScalingGroups { get; init; }
}
