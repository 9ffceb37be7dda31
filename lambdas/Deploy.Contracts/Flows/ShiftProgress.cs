namespace Deploy.Contracts.Flows;

/// <summary>The traffic shift (<c>$.shift</c>): which step of the request's plan, and when traffic first moved.</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record ShiftProgress
{
    /// <summary>The step's index in the plan.</summary>
    public int Index { get; init; }

    /// <summary>The step (its weights, whether it is the last).</summary>
    public TrafficStep Step { get; init; } = null!;

    /// <summary>When the first traffic step began (the health probes' metric window after traffic starts here).</summary>
    public string At { get; init; } = null!;
}
