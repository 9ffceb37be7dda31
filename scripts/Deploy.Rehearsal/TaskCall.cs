using System.Text.Json.Nodes;

namespace Deploy.Rehearsal;

/// <summary>One attempt of a Task state (or of a Wait state, see <see cref="IsWait"/>) to be answered by an <see cref="ITaskHandler"/>.</summary>
public sealed record TaskCall
{
    /// <summary>The id of the execution (as returned in <see cref="ExecutionResult.RunId"/>) the task belongs to.</summary>
    public required int RunId { get; init; }

    /// <summary>The engine's id of this task attempt (unique within one <see cref="RehearsalEngine"/>).</summary>
    public required int TaskId { get; init; }

    /// <summary>The state's name.</summary>
    public required string StateName { get; init; }

    /// <summary>
    /// The state's <c>Resource</c> as written in the definition (for example
    /// <c>arn:aws:states:::dynamodb:putItem</c> or a Lambda function ARN), or
    /// <see cref="RehearsalResources.Wait"/> for a Wait state.
    /// </summary>
    public required string Resource { get; init; }

    /// <summary>The task's input: the state input after InputPath and Parameters (JSON null as <see langword="null"/>).</summary>
    public JsonNode? Input { get; init; }

    /// <summary>For a Wait state with Seconds or SecondsPath: the seconds to wait (SecondsPath already evaluated). Otherwise <see langword="null"/>.</summary>
    public double? WaitSeconds { get; init; }

    /// <summary>For a Wait state with Timestamp or TimestampPath: the timestamp to wait until, as written. Otherwise <see langword="null"/>.</summary>
    public string? WaitTimestamp { get; init; }

    /// <summary>The state's HeartbeatSeconds (or HeartbeatSecondsPath, evaluated on <see cref="Input"/>); <see langword="null"/> when not set.</summary>
    public int? HeartbeatSeconds { get; init; }

    /// <summary>
    /// The state's TimeoutSeconds (or TimeoutSecondsPath, evaluated on <see cref="Input"/>);
    /// <see langword="null"/> when not set. The engine never times a task out on its own: answer
    /// <c>TaskOutcome.Failure(ServiceErrors.TaskTimeout, ...)</c> to simulate a timeout.
    /// </summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>
    /// The task token the engine issued for this attempt when the state's Parameters read
    /// <c>$$.Task.Token</c> (a <c>.waitForTaskToken</c> task); otherwise <see langword="null"/>.
    /// The answer stands for SendTaskSuccess (a success) or SendTaskFailure (a failure).
    /// </summary>
    public string? TaskToken { get; init; }

    /// <summary>How many times this state entry has been retried before this attempt (0 on the first attempt).</summary>
    public int RetryCount { get; init; }

    /// <summary>
    /// For a retried attempt: the pause AWS would have made before it, without jitter
    /// (IntervalSeconds × BackoffRate^(retry − 1), capped by MaxDelaySeconds); the engine does not
    /// pause, so a simulated clock may advance by this much. <see langword="null"/> on the first attempt.
    /// </summary>
    public double? RetryBackoffSeconds { get; init; }

    /// <summary>Whether this call stands for a Wait state (<see cref="Resource"/> is <see cref="RehearsalResources.Wait"/>).</summary>
    public bool IsWait => Resource == RehearsalResources.Wait;

    /// <summary>
    /// Whether the task waits for a callback (<c>.waitForTaskToken</c>): it ends when someone sends its token back, not
    /// when the call returns (<see href="https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token">Wait
    /// for a Callback with Task Token</see>).
    /// </summary>
    public bool IsCallback => Resource.EndsWith(".waitForTaskToken", StringComparison.Ordinal);
}
