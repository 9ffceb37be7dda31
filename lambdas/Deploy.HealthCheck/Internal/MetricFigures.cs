using Deploy.Contracts;

namespace Deploy.HealthCheck.Internal;

/// <summary>The figures read from a GetMetricData response: per minute for target 5XX and requests, over the window for the rest.</summary>
internal sealed record MetricFigures(double Target5xxCount, int Target5xxDatapoints, double? P99ResponseTimeMs, double? RequestCount,
    IReadOnlyList<MetricMinute> Minutes, IReadOnlyList<string> Forbidden, IReadOnlyList<string> Failed)
{
    private const double MillisecondsPerSecond = 1000;

    /// <summary>
    /// Collects the <c>target5xx</c> and <c>requests</c> datapoints into minutes by timestamp (with <c>Period</c> 60,
    /// GetMetricData returns one value per minute; a minute with no 5XX datapoint had none, as the load balancer publishes
    /// no zero counts), in response order (newest first with the default <c>ScanBy</c> <c>TimestampDescending</c>);
    /// also sums both over the window, and takes the largest <c>p99</c> in milliseconds rounded to one decimal (no
    /// datapoints = null: no requests). Results sharing an id (paged responses) are combined. Queries CloudWatch answered
    /// with <c>Forbidden</c> or <c>InternalError</c> are listed by id: their missing datapoints mean "not read", not "zero".
    /// Timestamps were checked by <see cref="HealthInputValidator"/>: one per value.
    /// </summary>
    public static MetricFigures Read(IReadOnlyList<MetricDataResult?> results)
    {
        double errors = 0;
        var errorDatapoints = 0;
        double? p99Seconds = null;
        double? requests = null;
        List<string>? forbidden = null;
        List<string>? failed = null;
        var minutes = new Dictionary<string, MetricMinute>(StringComparer.Ordinal);
        var order = new List<MetricMinute>();
        foreach (var result in results)
        {
            switch (result?.StatusCode)
            {
                case "Forbidden":
                    (forbidden ??= new()).Add(result.Id ?? "?");
                    break;
                case "InternalError":
                    (failed ??= new()).Add(result.Id ?? "?");
                    break;
            }

            if (result?.Values is not { Count: > 0 } values)
            {
                continue;
            }

            switch (result.Id)
            {
                case HealthMetricIds.Target5xx:
                    errors += Sum(values);
                    errorDatapoints += values.Count;
                    for (var i = 0; i < values.Count; i++)
                    {
                        Minute(result.Timestamps![i]).Errors += values[i];
                    }

                    break;
                case HealthMetricIds.P99:
                    p99Seconds = Math.Max(p99Seconds ?? double.MinValue, Max(values));
                    break;
                case HealthMetricIds.Requests:
                    requests = (requests ?? 0) + Sum(values);
                    for (var i = 0; i < values.Count; i++)
                    {
                        Minute(result.Timestamps![i]).Requests += values[i];
                    }

                    break;
            }
        }

        var p99Ms = p99Seconds is { } seconds
            ? Math.Round(seconds * MillisecondsPerSecond, 1, MidpointRounding.AwayFromZero)
            : (double?)null;
        return new MetricFigures(errors, errorDatapoints, p99Ms, requests, order,
            forbidden ?? (IReadOnlyList<string>)Array.Empty<string>(), failed ?? (IReadOnlyList<string>)Array.Empty<string>());

        MetricMinute Minute(string timestamp)
        {
            if (!minutes.TryGetValue(timestamp, out var minute))
            {
                minute = new MetricMinute(timestamp);
                minutes.Add(timestamp, minute);
                order.Add(minute);
            }

            return minute;
        }
    }

    private static double Sum(IReadOnlyList<double> values)
    {
        double sum = 0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += values[i];
        }

        return sum;
    }

    private static double Max(IReadOnlyList<double> values)
    {
        var max = double.MinValue;
        for (var i = 0; i < values.Count; i++)
        {
            max = Math.Max(max, values[i]);
        }

        return max;
    }
}
