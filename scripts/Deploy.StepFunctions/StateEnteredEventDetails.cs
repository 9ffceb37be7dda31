namespace Deploy.StepFunctions;

/// <summary>The <c>stateEnteredEventDetails</c> of a <c>*StateEntered</c> event.</summary>
public sealed record StateEnteredEventDetails
{
    /// <summary>The state's name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The state's input, as a JSON string (absent without <c>includeExecutionData</c>).</summary>
    public string? Input { get; init; }
}
