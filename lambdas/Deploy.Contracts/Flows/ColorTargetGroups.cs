namespace Deploy.Contracts.Flows;

/// <summary>The target group ARN of each color.</summary>
public sealed record ColorTargetGroups
{
    /// <summary>The blue fleet's target group.</summary>
    public string Blue { get; init; } = null!;

    /// <summary>The green fleet's target group.</summary>
    public string Green { get; init; } = null!;
}
