using System.Runtime.InteropServices;
using Deploy.Contracts;

namespace Deploy.HealthCheck.Internal;

/// <summary>Counts targets by state in a single pass over the DescribeTargetHealth response.</summary>
internal sealed class TargetTally
{
    public const string Healthy = "healthy";
    public const string Initial = "initial";
    public const string Unused = "unused";
    public const string Unavailable = "unavailable";
    public const string Draining = "draining";

    private readonly Dictionary<string, int> countsByState = new(StringComparer.Ordinal);

    private TargetTally()
    {
    }

    /// <summary>Every target except those draining.</summary>
    public int Considered { get; private set; }

    public int HealthyCount => CountOf(Healthy);

    public int InitialCount => CountOf(Initial);

    public int UnusedCount => CountOf(Unused);

    public int UnavailableCount => CountOf(Unavailable);

    public IReadOnlyDictionary<string, int> CountsByState => countsByState;

    /// <summary>The index of the first description without a state, or -1.</summary>
    public int FirstMissingState { get; private set; } = -1;

    public static TargetTally Count(IReadOnlyList<TargetHealthDescription?> targets)
    {
        var tally = new TargetTally();
        for (var i = 0; i < targets.Count; i++)
        {
            var state = targets[i]?.TargetHealth?.State;
            if (state is null)
            {
                tally.FirstMissingState = i;
                return tally;
            }

            CollectionsMarshal.GetValueRefOrAddDefault(tally.countsByState, state, out _)++;
            if (state != Draining)
            {
                tally.Considered++;
            }
        }

        return tally;
    }

    private int CountOf(string state) => countsByState.GetValueOrDefault(state);
}
