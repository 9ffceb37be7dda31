namespace Deploy.Contracts.Flows;

/// <summary>The deployment start, present or JSON null.</summary>
public sealed record ProbeStart
{
    /// <summary>The time, or null.</summary>
    public string At { get; init; } = null!;
}
