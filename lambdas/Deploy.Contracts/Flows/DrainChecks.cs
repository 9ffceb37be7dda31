namespace Deploy.Contracts.Flows;

/// <summary>The checks left while the idle group scales in (<c>$.drain</c>).</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record DrainChecks
{
    /// <summary>Checks left.</summary>
    public int Left { get; init; }
}
