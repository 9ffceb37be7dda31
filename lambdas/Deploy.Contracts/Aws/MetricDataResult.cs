using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>
/// A <see href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataResult.html">MetricDataResult</see>.
/// Timestamps are not read: the handlers aggregate over the whole window the query asked for.
/// </summary>
public sealed record MetricDataResult
{
    /// <summary>The query id, for example <c>target5xx</c>, <c>p99</c> or <c>requests</c>.</summary>
    [JsonPropertyName("Id")]
    public string? Id { get; init; }

    /// <summary>The human-readable label.</summary>
    [JsonPropertyName("Label")]
    public string? Label { get; init; }

    /// <summary>The datapoints; empty when CloudWatch has none for the window.</summary>
    [JsonPropertyName("Values")]
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary><c>Complete</c>, <c>PartialData</c>, <c>InternalError</c> or <c>Forbidden</c>.</summary>
    [JsonPropertyName("StatusCode")]
    public string? StatusCode { get; init; }
}
