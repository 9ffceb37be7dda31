namespace Deploy.Constructs.Internal;

/// <summary>The counters a <see cref="CounterUpdate"/> writes; a counter left null is absent from the result.</summary>
internal sealed record CounterChanges
{
    /// <summary>Seconds of the waits passed.</summary>
    public CounterChange? Clock { get; init; }

    /// <summary>Seconds of the waits passed since the first traffic step.</summary>
    public CounterChange? SinceShift { get; init; }

    /// <summary>Health polls left.</summary>
    public CounterChange? Polls { get; init; }

    /// <summary>Bake checks left.</summary>
    public CounterChange? BakeChecks { get; init; }
}
