using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>
/// The part of an Elastic Load Balancing
/// <see href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetHealth.html">DescribeTargetHealth</see>
/// response the handlers read, as the Step Functions aws-sdk integration returns it.
/// </summary>
public sealed record DescribeTargetHealthResponse
{
    /// <summary>One entry per registered target.</summary>
    [JsonPropertyName("TargetHealthDescriptions")]
    public IReadOnlyList<TargetHealthDescription>? TargetHealthDescriptions { get; init; }
}
