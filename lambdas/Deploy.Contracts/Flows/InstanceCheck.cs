namespace Deploy.Contracts.Flows;

/// <summary>A Map iteration's input when a verified restore checks each instance of a group.</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record InstanceCheck
{
    /// <summary>The instance.</summary>
    public GroupInstance Instance { get; init; } = null!;

    /// <summary>The launch-template version it must run.</summary>
    public string Version { get; init; } = null!;
}
