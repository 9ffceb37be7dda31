namespace Deploy.Contracts.Flows;

/// <summary>What a deployment counts (<c>$.counters</c>): time is counted, not read.</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record Counters
{
    /// <summary>Seconds of the waits passed (grace, polls, canary bake, linear intervals, bake checks; not the approval's).</summary>
    public int Clock { get; init; }

    /// <summary>Seconds of the waits passed since the first traffic step.</summary>
    public int SinceShift { get; init; }

    /// <summary>Health polls left before the new color times out.</summary>
    public int Polls { get; init; }

    /// <summary>Bake checks left (set when the bake starts).</summary>
    public int BakeChecks { get; init; }
}
