namespace Deploy.Contracts.Flows;

/// <summary>Why a deployment rolled back (<c>$.rollback</c>).</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record RollbackReason
{
    /// <summary>The error name.</summary>
    public string Reason { get; init; } = null!;

    /// <summary>What happened.</summary>
    public string Detail { get; init; } = null!;
}
