using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>
/// The member of a Step Functions <c>DescribeExecution</c> response that the Unlock flow selects
/// (<see href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html">Step Functions API reference</see>).
/// </summary>
/// <remarks>Declares what a task's result selector reads, for <see cref="StatePath"/>; members are non-null so paths read without <c>!</c>.</remarks>
public sealed record DescribeExecutionResult
{
    /// <summary>The execution's status: <c>RUNNING | SUCCEEDED | FAILED | TIMED_OUT | ABORTED | PENDING_REDRIVE</c>.</summary>
    [JsonPropertyName("Status")]
    public string Status { get; init; } = null!;
}
