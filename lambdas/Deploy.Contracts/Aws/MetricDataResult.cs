using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>
/// A <see href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataResult.html">MetricDataResult</see>.
/// "The number of timestamps always matches the number of values and the value for Timestamps[x] is Values[x]";
/// with <c>Period</c> 60 each timestamp is the start of one minute, newest first unless the request asked for
/// <c>ScanBy</c> <c>TimestampAscending</c> (the default is <c>TimestampDescending</c>).
/// </summary>
public sealed record MetricDataResult
{
    /// <summary>The query id, for example <c>target5xx</c>, <c>p99</c> or <c>requests</c>.</summary>
    [JsonPropertyName("Id")]
    public string? Id { get; init; }

    /// <summary>The human-readable label.</summary>
    [JsonPropertyName("Label")]
    public string? Label { get; init; }

    /// <summary>
    /// The timestamp of each datapoint, as the response wrote it (an ISO-8601 string, or a number of seconds since
    /// the epoch); they identify the minute a value belongs to, so results are matched by them and never parsed.
    /// </summary>
    [JsonPropertyName("Timestamps")]
    [JsonConverter(typeof(MetricTimestampsConverter))]
    public IReadOnlyList<string>? Timestamps { get; init; }

    /// <summary>The datapoints; empty when CloudWatch has none for the window.</summary>
    [JsonPropertyName("Values")]
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary><c>Complete</c>, <c>PartialData</c>, <c>InternalError</c> or <c>Forbidden</c>.</summary>
    [JsonPropertyName("StatusCode")]
    public string? StatusCode { get; init; }
}
