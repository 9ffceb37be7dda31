namespace Deploy.Contracts.Flows;

/// <summary>The listener rule's weights as a <c>DescribeRules</c> task leaves them (its result selector keeps the forward action's target groups).</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record RuleRead
{
    /// <summary>The rule's two target groups, in the order ELB returns them.</summary>
    public IReadOnlyList<TargetGroupWeight> TargetGroups { get; init; } = null!;
}
