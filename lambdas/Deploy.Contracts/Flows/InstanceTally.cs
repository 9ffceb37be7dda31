namespace Deploy.Contracts.Flows;

/// <summary>What the instances of a color to restore showed (<c>$.tally</c>).</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record InstanceTally
{
    /// <summary>Some instance is InService, Healthy and on the expected version.</summary>
    public bool Serving { get; init; }

    /// <summary>Some InService instance runs another version.</summary>
    public bool OtherVersion { get; init; }
}
