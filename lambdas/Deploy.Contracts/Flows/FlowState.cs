namespace Deploy.Contracts.Flows;

/// <summary>
/// The fields the Deploy and Rollback executions share, written by the steps both flows use (the health probe, the
/// revert of the failed color, best-effort steps and metrics).
/// </summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without
/// <c>!</c>, though a field is present only once a state wrote it.</remarks>
public abstract record FlowState
{
    /// <summary>The error that sends the flow to its failure path (caught, or recorded by a marker state).</summary>
    public ErrorInfo Failure { get; init; } = null!;

    /// <summary>The latest health verdict (a HealthProbe execution's output).</summary>
    public HealthVerdict Verdict { get; init; } = null!;

    /// <summary>The listener rule's weights as last read.</summary>
    public RuleRead Weights { get; init; } = null!;

    /// <summary>The group being reverted, described.</summary>
    public GroupRead FailedGroup { get; init; } = null!;

    /// <summary>The LaunchTemplateRevert handler's decision for the failed group.</summary>
    public LaunchTemplateRevertDecision Revert { get; init; } = null!;

    /// <summary>The error of a cleanup step after traffic was restored.</summary>
    public ErrorInfo CleanupFailure { get; init; } = null!;

    /// <summary>The error of a lock that could not be taken.</summary>
    public ErrorInfo LockError { get; init; } = null!;

    /// <summary>The error of a record write that failed.</summary>
    public ErrorInfo RecordFailure { get; init; } = null!;

    /// <summary>The error of a best-effort step (a notification, a metric); it never changes the outcome.</summary>
    public ErrorInfo BestEffortFailure { get; init; } = null!;

    /// <summary>A scratch field for the (empty) <c>PutMetricData</c> response.</summary>
    public object MetricsResponse { get; init; } = null!;
}
