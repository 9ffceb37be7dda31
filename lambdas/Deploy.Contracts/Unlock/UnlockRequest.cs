using System.Text.Json.Nodes;

namespace Deploy.Contracts;

/// <summary>
/// The input of the Unlock state machine: <c>{ "reason": "…", "requestedBy": "…" }</c>, both non-empty strings. Anything
/// else fails the execution with <see cref="DeployErrors.MalformedInput"/> before the state item is read.
/// </summary>
/// <param name="Reason">Why the lock is freed (recorded in the state item's <c>lastUnlock</c> and notified).</param>
/// <param name="RequestedBy">Who asks (recorded and notified; Step Functions does not tell a flow who started it).</param>
public sealed record UnlockRequest(string Reason, string RequestedBy)
{
    /// <summary>The JSON member of <see cref="Reason"/>.</summary>
    public const string ReasonField = "reason";

    /// <summary>The JSON member of <see cref="RequestedBy"/>.</summary>
    public const string RequestedByField = "requestedBy";

    /// <summary>The execution input.</summary>
    public JsonObject ToJson() => new() { [ReasonField] = Reason, [RequestedByField] = RequestedBy };
}
