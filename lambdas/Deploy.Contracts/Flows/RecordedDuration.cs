namespace Deploy.Contracts.Flows;

/// <summary>The duration a rolled-back deployment records (<c>$.duration</c>).</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record RecordedDuration
{
    /// <summary>Seconds.</summary>
    public int Seconds { get; init; }
}
