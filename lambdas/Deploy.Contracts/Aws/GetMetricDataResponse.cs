using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>
/// The part of a CloudWatch
/// <see href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html">GetMetricData</see>
/// response the handlers read, as the Step Functions aws-sdk integration returns it.
/// </summary>
public sealed record GetMetricDataResponse
{
    /// <summary>One result per metric query; several with the same id when the response was paged.</summary>
    [JsonPropertyName("MetricDataResults")]
    public IReadOnlyList<MetricDataResult>? MetricDataResults { get; init; }
}
