namespace Deploy.StepFunctions;

/// <summary>
/// The response of <a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartSyncExecution.html">StartSyncExecution</a>:
/// the finished Express execution.
/// </summary>
public sealed record StartSyncExecutionResult
{
    /// <summary>The ARN of the execution.</summary>
    public string ExecutionArn { get; init; } = string.Empty;

    /// <summary>The ARN of the state machine that ran.</summary>
    public string? StateMachineArn { get; init; }

    /// <summary>The execution's name.</summary>
    public string? Name { get; init; }

    /// <summary><see cref="ExecutionStatus.Succeeded"/>, <see cref="ExecutionStatus.Failed"/> or <see cref="ExecutionStatus.TimedOut"/>.</summary>
    public ExecutionStatus Status { get; init; }

    /// <summary>The input, as a JSON string.</summary>
    public string? Input { get; init; }

    /// <summary>The output, as a JSON string, when the execution succeeded.</summary>
    public string? Output { get; init; }

    /// <summary>The error name, when the execution failed.</summary>
    public string? Error { get; init; }

    /// <summary>The error's cause, when the execution failed.</summary>
    public string? Cause { get; init; }

    /// <summary>When the execution started.</summary>
    public DateTimeOffset StartDate { get; init; }

    /// <summary>When the execution stopped.</summary>
    public DateTimeOffset StopDate { get; init; }
}
