namespace Deploy.Contracts.Flows;

/// <summary>An Auto Scaling group as a <c>DescribeAutoScalingGroups</c> task leaves it (<c>{ group }</c>).</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record GroupRead
{
    /// <summary>The group (the response's first).</summary>
    public FlowGroup Group { get; init; } = null!;
}
