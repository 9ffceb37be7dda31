using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>The members of a CloudWatch <c>DescribeAlarms</c> response a result selector reads.</summary>
/// <remarks>See <see href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html">DescribeAlarms</see>.</remarks>
public sealed record DescribeAlarmsResult
{
    /// <summary>The composite alarms found.</summary>
    [JsonPropertyName("CompositeAlarms")]
    public IReadOnlyList<CompositeAlarmInfo> CompositeAlarms { get; init; } = null!;
}
