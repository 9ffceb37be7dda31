namespace Deploy.StepFunctions;

/// <summary>
/// Details holding an error and its cause: <c>executionFailedEventDetails</c>, <c>executionAbortedEventDetails</c>,
/// <c>executionTimedOutEventDetails</c>, <c>lambdaFunctionFailedEventDetails</c> and the other Lambda and activity failures.
/// </summary>
public sealed record ErrorEventDetails
{
    /// <summary>The error name, e.g. <c>States.Timeout</c> or <c>Deploy.InvalidRequest</c>.</summary>
    public string? Error { get; init; }

    /// <summary>The human-readable cause.</summary>
    public string? Cause { get; init; }
}
