namespace Deploy.Contracts.Flows;

/// <summary>
/// The <c>detail</c> of the EventBridge event "Step Functions Execution Status Change" that starts a Recovery: the
/// members the flow reads (<see href="https://docs.aws.amazon.com/step-functions/latest/dg/eventbridge-integration.html">Automating
/// Step Functions event delivery with EventBridge</see>).
/// </summary>
/// <remarks>Declares where the flow reads data, for <see cref="StatePath"/>; members are non-null so paths read without <c>!</c>.</remarks>
public sealed record ExecutionStatusChange
{
    /// <summary>The ended execution's ARN.</summary>
    public string ExecutionArn { get; init; } = null!;

    /// <summary>The ARN of the ended execution's state machine (Deploy or Rollback).</summary>
    public string StateMachineArn { get; init; } = null!;

    /// <summary>How it ended: <c>FAILED</c>, <c>TIMED_OUT</c> or <c>ABORTED</c>.</summary>
    public string Status { get; init; } = null!;
}
