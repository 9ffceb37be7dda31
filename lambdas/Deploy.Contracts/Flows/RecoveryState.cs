using System.Linq.Expressions;

namespace Deploy.Contracts.Flows;

/// <summary>
/// The data of a Recovery execution: its input (the EventBridge event of an ended Deploy or Rollback execution, of which
/// it reads <see cref="Detail"/>) and every field its states write, besides those of <see cref="FlowState"/> it shares
/// with the flows it recovers (failure, weights, lock error, best-effort failures).
/// </summary>
/// <remarks>Declares where the flow keeps data, for <see cref="StatePath"/>; a member is non-null here so paths read without
/// <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record RecoveryState : FlowState
{
    /// <summary>The event's detail: which execution ended, of which state machine, how.</summary>
    public ExecutionStatusChange Detail { get; init; } = null!;

    /// <summary>The state item as read.</summary>
    public StateItemRead State { get; init; } = null!;

    /// <summary>The listener rule's weights read back after the Recovery wrote them.</summary>
    public RuleRead ReadBack { get; init; } = null!;

    /// <summary>What the Recovery put back.</summary>
    public RecoveryOutcome Recovery { get; init; } = null!;

    /// <summary>The path of <paramref name="member"/> in a Recovery execution's state.</summary>
    public static string Path(Expression<Func<RecoveryState, object?>> member) => StatePath.Of(member);
}
