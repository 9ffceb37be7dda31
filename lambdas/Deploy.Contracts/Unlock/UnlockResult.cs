using System.Text.Json.Nodes;

namespace Deploy.Contracts;

/// <summary>
/// The output of an Unlock execution that succeeded: <c>{ "outcome": "NotLocked" }</c>, or
/// <c>{ "outcome": "Released", "holder": "&lt;execution ARN&gt;", "holderStatus": "ABORTED", "reason", "requestedBy" }</c>.
/// A refusal is no output: the execution fails with <see cref="DeployErrors.LockHolderRunning"/> or
/// <see cref="DeployErrors.LockHolderChanged"/>, and its cause names the holder.
/// </summary>
public sealed record UnlockResult
{
    /// <summary>The JSON member of <see cref="Outcome"/>.</summary>
    public const string OutcomeField = "outcome";

    /// <summary>The JSON member of <see cref="Holder"/>.</summary>
    public const string HolderField = "holder";

    /// <summary>The JSON member of <see cref="HolderStatus"/>.</summary>
    public const string HolderStatusField = "holderStatus";

    /// <summary>Outcome: the lock was held by an execution that is not running, and is free now.</summary>
    public const string Released = "Released";

    /// <summary>Outcome: nobody held the lock; nothing was changed.</summary>
    public const string NotLocked = "NotLocked";

    /// <summary>
    /// The <see cref="HolderStatus"/> of a holder Step Functions does not know (DescribeExecution answered
    /// <c>ExecutionDoesNotExist</c>): an execution deleted with its state machine, or a lock written by hand.
    /// </summary>
    public const string HolderDoesNotExist = "DOES_NOT_EXIST";

    /// <summary>
    /// The execution statuses after which a holder runs no more (Step Functions API reference, DescribeExecution:
    /// <c>RUNNING | SUCCEEDED | FAILED | TIMED_OUT | ABORTED | PENDING_REDRIVE</c>). Every other status, present or
    /// future — <c>RUNNING</c>, and <c>PENDING_REDRIVE</c> (a redriven execution runs again) — refuses the unlock.
    /// </summary>
    public static IReadOnlyList<string> EndedStatuses { get; } = ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"];

    /// <summary><see cref="Released"/> or <see cref="NotLocked"/>.</summary>
    public string? Outcome { get; init; }

    /// <summary>The execution ARN that held the lock (when released).</summary>
    public string? Holder { get; init; }

    /// <summary>How the holder ended (one of <see cref="EndedStatuses"/>), or <see cref="HolderDoesNotExist"/> (when released).</summary>
    public string? HolderStatus { get; init; }

    /// <summary>Reads an execution's output; <see langword="null"/> when it is not an Unlock result.</summary>
    public static UnlockResult? From(JsonNode? output) =>
        output is JsonObject o && o[OutcomeField] is JsonValue outcome && outcome.TryGetValue<string>(out var text)
            ? new UnlockResult
            {
                Outcome = text,
                Holder = o[HolderField] is JsonValue h && h.TryGetValue<string>(out var holder) ? holder : null,
                HolderStatus = o[HolderStatusField] is JsonValue s && s.TryGetValue<string>(out var status) ? status : null,
            }
            : null;
}
