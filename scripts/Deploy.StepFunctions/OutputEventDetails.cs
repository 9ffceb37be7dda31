namespace Deploy.StepFunctions;

/// <summary>
/// Details holding only an output: <c>executionSucceededEventDetails</c>, <c>lambdaFunctionSucceededEventDetails</c>,
/// <c>activitySucceededEventDetails</c>.
/// </summary>
public sealed record OutputEventDetails
{
    /// <summary>The output, as a JSON string (absent without <c>includeExecutionData</c>).</summary>
    public string? Output { get; init; }
}
