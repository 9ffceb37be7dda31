using Deploy.Contracts;

namespace Deploy.HealthCheck.Internal;

/// <summary>
/// The target 5XX checks, minute by minute: the count against <c>maxTarget5xxCount</c> (as the rollback alarm does,
/// a minute breaches with more than the limit) and, when given, the rate against <c>maxTarget5xxPercent</c>.
/// </summary>
internal static class Target5xxChecks
{
    public static void Add(MetricFigures metrics, HealthThresholds thresholds, List<Check> checks)
    {
        var maxCount = thresholds.MaxTarget5xxCount!.Value;
        checks.Add(CountCheck(metrics, maxCount));
        if (thresholds.MaxTarget5xxPercent is { } maxPercent)
        {
            checks.Add(RateCheck(metrics.Minutes, maxPercent));
        }
    }

    /// <summary>
    /// The minute to show: one that breaches a limit if any does, otherwise the one with the most 5XX; ties go to the
    /// higher rate, then to the first listed. <see langword="null"/> without minutes.
    /// </summary>
    public static Target5xxMinute? Worst(MetricFigures metrics, HealthThresholds thresholds)
    {
        MetricMinute? worst = null;
        var worstBreaches = false;
        foreach (var minute in metrics.Minutes)
        {
            var breaches = ExceedsCount(minute, thresholds.MaxTarget5xxCount!.Value)
                || (thresholds.MaxTarget5xxPercent is { } percent && ExceedsRate(minute, percent));
            if (worst is null || Ranks(minute, breaches, worst, worstBreaches) > 0)
            {
                worst = minute;
                worstBreaches = breaches;
            }
        }

        return worst is null
            ? null
            : new Target5xxMinute
            {
                Timestamp = worst.Timestamp,
                Target5xxCount = worst.Errors,
                RequestCount = worst.Requests,
                Target5xxPercent = worst.Percent is { } rate ? Math.Round(rate, 2, MidpointRounding.AwayFromZero) : null,
            };
    }

    private static Check CountCheck(MetricFigures metrics, double maximum)
    {
        if (metrics.Target5xxDatapoints == 0)
        {
            return new Check(HealthStatus.Healthy, HealthReasons.No5xx(maximum));
        }

        MetricMinute? worst = null;
        var breaching = 0;
        foreach (var minute in metrics.Minutes)
        {
            breaching += ExceedsCount(minute, maximum) ? 1 : 0;
            worst = worst is null || minute.Errors > worst.Errors ? minute : worst;
        }

        return breaching == 0
            ? new Check(HealthStatus.Healthy, HealthReasons.Target5xxWithin(worst!.Errors, metrics.Minutes.Count, maximum))
            : new Check(HealthStatus.Unhealthy, HealthReasons.Target5xxAbove(worst!.Errors, worst.Timestamp, maximum, breaching, metrics.Minutes.Count));
    }

    private static Check RateCheck(IReadOnlyList<MetricMinute> minutes, double maximum)
    {
        MetricMinute? worst = null;
        var withRequests = 0;
        var breaching = 0;
        foreach (var minute in minutes)
        {
            // A minute without requests has no rate: it is skipped, not read as 0 % or 100 %.
            if (minute.Percent is not { } rate)
            {
                continue;
            }

            withRequests++;
            breaching += ExceedsRate(minute, maximum) ? 1 : 0;
            worst = worst is null || rate > worst.Percent ? minute : worst;
        }

        if (worst is null)
        {
            return new Check(HealthStatus.Healthy, HealthReasons.No5xxRate);
        }

        return breaching == 0
            ? new Check(HealthStatus.Healthy, HealthReasons.RateWithin(Math.Round(worst.Percent!.Value, 2, MidpointRounding.AwayFromZero), withRequests, maximum))
            : new Check(HealthStatus.Unhealthy, HealthReasons.RateAbove(worst, maximum, breaching, withRequests));
    }

    private static bool ExceedsCount(MetricMinute minute, double maximum) => minute.Errors > maximum;

    // Compared without dividing, so a rate exactly at the limit is never pushed over it by rounding.
    private static bool ExceedsRate(MetricMinute minute, double maximum) => minute.Requests > 0 && minute.Errors * 100 > maximum * minute.Requests;

    private static int Ranks(MetricMinute minute, bool breaches, MetricMinute other, bool otherBreaches)
    {
        if (breaches != otherBreaches)
        {
            return breaches ? 1 : -1;
        }

        var byCount = minute.Errors.CompareTo(other.Errors);
        return byCount != 0 ? byCount : (minute.Percent ?? -1).CompareTo(other.Percent ?? -1);
    }
}
