namespace Deploy.Contracts.Flows;

/// <summary>A cleanup after a rollback that failed or was refused (<c>$.cleanup</c>): traffic is safe, the record says why the failed color was left.</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record CleanupOutcome
{
    /// <summary>The error name.</summary>
    public string Error { get; init; } = null!;

    /// <summary>The cause.</summary>
    public string Cause { get; init; } = null!;
}
