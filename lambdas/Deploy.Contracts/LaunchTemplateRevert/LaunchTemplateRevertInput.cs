namespace Deploy.Contracts;

/// <summary>The LaunchTemplateRevert handler's input: the group as it is now, and the record of how it was.</summary>
public sealed record LaunchTemplateRevertInput
{
    /// <summary>Required. The DescribeAutoScalingGroups response that contains the recorded group.</summary>
    public DescribeAutoScalingGroupsResponse? Group { get; init; }

    /// <summary>Required. The deployment record's revert information.</summary>
    public RevertRecord? Record { get; init; }
}
