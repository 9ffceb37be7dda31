using Deploy.Contracts;

namespace Deploy.HealthCheck.Internal;

/// <summary>The target-health checks, which run in both phases.</summary>
internal static class TargetHealthChecks
{
    public static void Add(TargetTally tally, HealthThresholds thresholds, List<Check> checks)
    {
        if (tally.UnusedCount > 0)
        {
            checks.Add(new Check(HealthStatus.Unhealthy, HealthReasons.Unused(tally.UnusedCount)));
        }

        if (tally.UnavailableCount > 0)
        {
            checks.Add(new Check(HealthStatus.Unhealthy, HealthReasons.Unavailable(tally.UnavailableCount)));
        }

        if (tally.Considered == 0)
        {
            checks.Add(new Check(HealthStatus.Pending, HealthReasons.NoTargets));
            return;
        }

        if (thresholds.ExpectedTargetCount is { } expected && tally.Considered < expected)
        {
            checks.Add(new Check(HealthStatus.Pending, HealthReasons.TooFewTargets(tally.Considered, expected)));
            return;
        }

        checks.Add(HealthyShare(tally, thresholds.MinHealthyPercentage!.Value));
    }

    public static double Percentage(TargetTally tally) => tally.Considered == 0
        ? 0
        : Math.Round(tally.HealthyCount * 100.0 / tally.Considered, 1, MidpointRounding.AwayFromZero);

    private static Check HealthyShare(TargetTally tally, double minimum)
    {
        // Decide on the exact share; the rounded one is only for people.
        var passes = tally.HealthyCount * 100.0 >= minimum * tally.Considered;
        var share = HealthReasons.HealthyShare(tally.HealthyCount, tally.Considered, Percentage(tally), minimum, passes);
        if (passes)
        {
            return new Check(HealthStatus.Healthy, share);
        }

        return tally.InitialCount > 0
            ? new Check(HealthStatus.Pending, HealthReasons.StillChecking(tally.InitialCount, share))
            : new Check(HealthStatus.Unhealthy, share);
    }
}
