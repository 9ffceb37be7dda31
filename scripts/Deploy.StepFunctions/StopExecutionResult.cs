namespace Deploy.StepFunctions;

/// <summary>
/// The response of <a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_StopExecution.html">StopExecution</a>.
/// </summary>
public sealed record StopExecutionResult
{
    /// <summary>When the execution was stopped.</summary>
    public DateTimeOffset StopDate { get; init; }
}
