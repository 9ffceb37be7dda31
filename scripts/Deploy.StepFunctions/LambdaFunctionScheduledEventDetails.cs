namespace Deploy.StepFunctions;

/// <summary>The <c>lambdaFunctionScheduledEventDetails</c> of a <c>LambdaFunctionScheduled</c> event (a Task state whose Resource is a function ARN).</summary>
public sealed record LambdaFunctionScheduledEventDetails
{
    /// <summary>The function's ARN.</summary>
    public string? Resource { get; init; }

    /// <summary>The function's input, as a JSON string.</summary>
    public string? Input { get; init; }

    /// <summary>The task timeout, if set.</summary>
    public long? TimeoutInSeconds { get; init; }
}
