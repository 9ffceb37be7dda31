using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>The members of a described Auto Scaling group that the flows read (DescribeAutoScalingGroups, EC2 Auto Scaling API reference).</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record FlowGroup
{
    /// <summary>The group's name.</summary>
    [JsonPropertyName("AutoScalingGroupName")]
    public string AutoScalingGroupName { get; init; } = null!;

    /// <summary>Its minimum size.</summary>
    [JsonPropertyName("MinSize")]
    public int MinSize { get; init; }

    /// <summary>Its maximum size.</summary>
    [JsonPropertyName("MaxSize")]
    public int MaxSize { get; init; }

    /// <summary>Its desired capacity.</summary>
    [JsonPropertyName("DesiredCapacity")]
    public int DesiredCapacity { get; init; }

    /// <summary>The launch template it is pinned to (absent for a group without one).</summary>
    [JsonPropertyName("LaunchTemplate")]
    public LaunchTemplateSpecification LaunchTemplate { get; init; } = null!;

    /// <summary>Its instances.</summary>
    [JsonPropertyName("Instances")]
    public IReadOnlyList<GroupInstance> Instances { get; init; } = null!;
}
