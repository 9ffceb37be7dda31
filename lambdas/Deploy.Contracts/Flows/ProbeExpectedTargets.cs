namespace Deploy.Contracts.Flows;

/// <summary>The expected targets, present or JSON null.</summary>
public sealed record ProbeExpectedTargets
{
    /// <summary>The count, or null.</summary>
    public int? Targets { get; init; }
}
