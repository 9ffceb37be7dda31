namespace Deploy.Contracts.Flows;

/// <summary>What a Recovery put back (its output's <c>recovery</c>, which the CLI reads and the notifications carry).</summary>
/// <remarks>Declares where the flow keeps data, for <see cref="StatePath"/>; members are non-null so paths read without <c>!</c>.</remarks>
public sealed record RecoveryOutcome
{
    /// <summary>The ended execution the Recovery answered.</summary>
    public string EndedExecution { get; init; } = null!;

    /// <summary>How that execution ended (<see cref="ExecutionStatusChange.Status"/>).</summary>
    public string Status { get; init; } = null!;

    /// <summary>The color with 100 % of traffic afterwards.</summary>
    public string LiveColor { get; init; } = null!;
}
