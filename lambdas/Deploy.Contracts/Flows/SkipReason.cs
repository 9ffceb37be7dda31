namespace Deploy.Contracts.Flows;

/// <summary>Why a rollback left traffic where it is (<c>$.skipped</c>).</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record SkipReason
{
    /// <summary>The reason.</summary>
    public string Reason { get; init; } = null!;
}
