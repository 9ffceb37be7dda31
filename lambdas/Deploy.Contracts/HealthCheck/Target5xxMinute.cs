using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>One minute of the target 5XX evidence: the minute's <c>target5xx</c> and <c>requests</c> datapoints.</summary>
public sealed record Target5xxMinute
{
    /// <summary>The minute's start, as the GetMetricData response wrote it.</summary>
    public required string Timestamp { get; init; }

    /// <summary>Target 5XX responses in the minute (0 when the load balancer published no datapoint for it).</summary>
    public required double Target5xxCount { get; init; }

    /// <summary>Requests in the minute (0 when there is no datapoint).</summary>
    public required double RequestCount { get; init; }

    /// <summary>
    /// <see cref="Target5xxCount"/> / <see cref="RequestCount"/> × 100, rounded to two decimals;
    /// <see langword="null"/> for a minute without requests.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? Target5xxPercent { get; init; }
}
