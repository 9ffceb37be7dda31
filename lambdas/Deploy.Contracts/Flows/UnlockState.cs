using System.Linq.Expressions;
using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>
/// The data of an Unlock execution: its input (an <see cref="UnlockRequest"/>) and every field its states write. A
/// successful execution's output is <see cref="Result"/>.
/// </summary>
/// <remarks>Declares where the flow keeps data, for <see cref="StatePath"/>; a member is non-null here so paths read without
/// <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record UnlockState
{
    /// <summary>Why the lock is freed (the input's <see cref="UnlockRequest.Reason"/>).</summary>
    [JsonPropertyName(UnlockRequest.ReasonField)]
    public string Reason { get; init; } = null!;

    /// <summary>Who asks (the input's <see cref="UnlockRequest.RequestedBy"/>).</summary>
    [JsonPropertyName(UnlockRequest.RequestedByField)]
    public string RequestedBy { get; init; } = null!;

    /// <summary>The state item as first read.</summary>
    public StateItemRead State { get; init; } = null!;

    /// <summary>The lock's holder, described.</summary>
    public LockHolder Holder { get; init; } = null!;

    /// <summary>The error of a DescribeExecution that found no such execution.</summary>
    public ErrorInfo HolderError { get; init; } = null!;

    /// <summary>The state item read again after the release's condition failed.</summary>
    public StateItemRead Now { get; init; } = null!;

    /// <summary>The error of the release whose condition failed.</summary>
    public ErrorInfo ReleaseError { get; init; } = null!;

    /// <summary>The error of the notification, a best-effort step: it never changes the outcome.</summary>
    public ErrorInfo BestEffortFailure { get; init; } = null!;

    /// <summary>The outcome of a release (the execution's output).</summary>
    public UnlockResult Result { get; init; } = null!;

    /// <summary>The path of <paramref name="member"/> in an Unlock execution's state.</summary>
    public static string Path(Expression<Func<UnlockState, object?>> member) => StatePath.Of(member);
}
