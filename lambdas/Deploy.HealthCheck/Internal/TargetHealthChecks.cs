using Deploy.Contracts;

namespace Deploy.HealthCheck.Internal;

/// <summary>The target-health checks, which run in both phases.</summary>
internal static class TargetHealthChecks
{
    public static void Add(TargetTally tally, double minimum, int? expected, HealthPhase phase, List<Check> checks)
    {
        if (tally.UnusedCount > 0)
        {
            checks.Add(new Check(HealthStatus.Unhealthy, HealthReasons.Unused(tally.UnusedCount)));
        }

        if (tally.UnavailableCount > 0)
        {
            checks.Add(new Check(HealthStatus.Unhealthy, HealthReasons.Unavailable(tally.UnavailableCount)));
        }

        // A group scaled to 0 will launch nothing: waiting cannot make it Healthy, whatever is still registered.
        if (expected == 0)
        {
            checks.Add(new Check(HealthStatus.Unhealthy, HealthReasons.NoneExpected));
            return;
        }

        var afterTraffic = phase == HealthPhase.AfterTraffic;
        if (expected is null && tally.Considered == 0)
        {
            checks.Add(afterTraffic
                ? new Check(HealthStatus.Unhealthy, HealthReasons.NoTargetsWhileServing)
                : new Check(HealthStatus.Pending, HealthReasons.NoTargets));
            return;
        }

        if (!afterTraffic && expected is { } count && tally.Considered < count)
        {
            checks.Add(new Check(HealthStatus.Pending, HealthReasons.TooFewTargets(tally.Considered, count)));
            return;
        }

        checks.Add(HealthyShare(tally, minimum, expected, afterTraffic));
    }

    /// <summary>The count the healthy share is taken of: the registered targets, or the expected ones when more are expected.</summary>
    public static int Denominator(TargetTally tally, int? expected) => Math.Max(tally.Considered, expected ?? 0);

    public static double Percentage(TargetTally tally, int? expected)
    {
        var denominator = Denominator(tally, expected);
        return denominator == 0 ? 0 : Math.Round(tally.HealthyCount * 100.0 / denominator, 1, MidpointRounding.AwayFromZero);
    }

    private static Check HealthyShare(TargetTally tally, double minimum, int? expected, bool afterTraffic)
    {
        // Decide on the exact share; the rounded one is only for people.
        var denominator = Denominator(tally, expected);
        var meetsMinimum = tally.HealthyCount * 100.0 >= minimum * denominator;
        var passes = meetsMinimum && tally.HealthyCount > 0;
        var share = tally.HealthyCount == 0 && meetsMinimum
            ? HealthReasons.NoHealthyTarget(denominator)
            : HealthReasons.HealthyShare(tally.HealthyCount, denominator, Percentage(tally, expected), minimum, passes);
        if (expected is { } count && tally.Considered < count)
        {
            share += HealthReasons.Registered(tally.Considered, count);
        }

        if (passes)
        {
            return new Check(HealthStatus.Healthy, share);
        }

        // Before traffic, targets still in their first health checks may yet pass. A color that serves traffic
        // must meet the minimum now: waiting would keep requests on too few healthy targets.
        return !afterTraffic && tally.InitialCount > 0
            ? new Check(HealthStatus.Pending, HealthReasons.StillChecking(tally.InitialCount, share))
            : new Check(HealthStatus.Unhealthy, share);
    }
}
