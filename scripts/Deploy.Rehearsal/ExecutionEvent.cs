namespace Deploy.Rehearsal;

/// <summary>
/// One entry of a rehearsal execution's event log, as aws-local-stepfunctions reports it
/// (<c>ExecutionStarted</c>, <c>StateEntered</c>, <c>StateExited</c>, <c>StateFailed</c>,
/// <c>StateRetried</c>, <c>StateCaught</c>, <c>ExecutionSucceeded</c>, <c>ExecutionFailed</c>,
/// <c>MapIteration*</c>, <c>ParallelBranch*</c>). Not the AWS execution history: see
/// <see cref="ExecutionStatistics"/> for the estimated AWS figures.
/// </summary>
public sealed record ExecutionEvent
{
    /// <summary>The event type, for example <c>StateEntered</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The state's name (the Map or Parallel state for iteration and branch events); <see langword="null"/> for execution events.</summary>
    public string? State { get; init; }

    /// <summary>The state's type as the engine ran it (a rewritten Wait or Fail state runs as <c>Task</c>).</summary>
    public string? StateType { get; init; }

    /// <summary>The state's type in the definition when the engine rewrote it (<c>Wait</c> or <c>Fail</c>); otherwise <see langword="null"/>.</summary>
    public string? OriginalType { get; init; }

    /// <summary>The state's type in the definition: <see cref="OriginalType"/> when set, else <see cref="StateType"/>.</summary>
    public string? EffectiveType => OriginalType ?? StateType;

    /// <summary>The state's resource, for Task states (and <see cref="RehearsalResources"/> values for rewritten states).</summary>
    public string? Resource { get; init; }

    /// <summary>For <c>StateRetried</c>: the retrier's attempt number (1 for its first retry).</summary>
    public int? RetryAttempt { get; init; }

    /// <summary>For <c>StateRetried</c>: the pause AWS would make before this retry, without jitter (see <see cref="TaskCall.RetryBackoffSeconds"/>).</summary>
    public double? RetryBackoffSeconds { get; init; }

    /// <summary>For failure events: the error name.</summary>
    public string? Error { get; init; }

    /// <summary>For failure events: the cause.</summary>
    public string? Cause { get; init; }

    /// <summary>For events inside a Map iteration: the iteration's index.</summary>
    public int? Index { get; init; }
}
