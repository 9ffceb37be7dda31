namespace Deploy.Rehearsal;

/// <summary>
/// Thrown by an <see cref="ITaskHandler"/> to stop the execution it answers where it is, as <c>StopExecution</c> or the
/// state machine's <c>TimeoutSeconds</c> stop an execution in AWS: no Retry or Catch runs, the task's answer is
/// discarded, and <see cref="RehearsalEngine.Run"/> returns a result with <see cref="Status"/>, <see cref="Error"/> and
/// <see cref="Exception.Message"/> as its cause (instead of rethrowing).
/// </summary>
public sealed class ExecutionStoppedException : Exception
{
    /// <summary>Stops the execution with <paramref name="status"/> (<see cref="ExecutionStatus.Aborted"/> or <see cref="ExecutionStatus.TimedOut"/>).</summary>
    public ExecutionStoppedException(ExecutionStatus status, string? error, string? cause)
        : base(cause ?? string.Empty)
    {
        if (status is not (ExecutionStatus.Aborted or ExecutionStatus.TimedOut))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "An execution is stopped as Aborted or TimedOut.");
        }

        Status = status;
        Error = error;
    }

    /// <summary>Aborted (StopExecution) or TimedOut (the state machine's timeout).</summary>
    public ExecutionStatus Status { get; }

    /// <summary>The error the stop gives (StopExecution's <c>error</c>; <c>States.Timeout</c> for a timeout), or none.</summary>
    public string? Error { get; }
}
