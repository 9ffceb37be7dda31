namespace Deploy.StepFunctions;

/// <summary>
/// The response of <a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html">DescribeExecution</a>.
/// </summary>
public sealed record DescribeExecutionResult
{
    /// <summary>The ARN of the execution.</summary>
    public string ExecutionArn { get; init; } = string.Empty;

    /// <summary>The ARN of the state machine it runs.</summary>
    public string StateMachineArn { get; init; } = string.Empty;

    /// <summary>The execution's name.</summary>
    public string? Name { get; init; }

    /// <summary>The current status.</summary>
    public ExecutionStatus Status { get; init; }

    /// <summary>The input, as a JSON string (absent when the caller may not see execution data).</summary>
    public string? Input { get; init; }

    /// <summary>The output, as a JSON string, once the execution succeeded.</summary>
    public string? Output { get; init; }

    /// <summary>The error name, once the execution failed.</summary>
    public string? Error { get; init; }

    /// <summary>The error's cause, once the execution failed.</summary>
    public string? Cause { get; init; }

    /// <summary>When the execution started.</summary>
    public DateTimeOffset StartDate { get; init; }

    /// <summary>When the execution stopped; <see langword="null"/> while it runs.</summary>
    public DateTimeOffset? StopDate { get; init; }
}
