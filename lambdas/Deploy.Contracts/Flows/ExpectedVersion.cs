namespace Deploy.Contracts.Flows;

/// <summary>The launch-template version a verified restore requires (<c>$.expected</c>).</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record ExpectedVersion
{
    /// <summary>The version.</summary>
    public string Version { get; init; } = null!;
}
