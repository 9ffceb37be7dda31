namespace Deploy.StepFunctions;

/// <summary>
/// The response of <a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html">StartExecution</a>.
/// </summary>
public sealed record StartExecutionResult
{
    /// <summary>The ARN of the started execution.</summary>
    public string ExecutionArn { get; init; } = string.Empty;

    /// <summary>When the execution started.</summary>
    public DateTimeOffset StartDate { get; init; }
}
