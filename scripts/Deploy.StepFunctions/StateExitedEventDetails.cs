namespace Deploy.StepFunctions;

/// <summary>The <c>stateExitedEventDetails</c> of a <c>*StateExited</c> event.</summary>
public sealed record StateExitedEventDetails
{
    /// <summary>The state's name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The state's output, as a JSON string (absent without <c>includeExecutionData</c>).</summary>
    public string? Output { get; init; }
}
