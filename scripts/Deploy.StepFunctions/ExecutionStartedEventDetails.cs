namespace Deploy.StepFunctions;

/// <summary>The <c>executionStartedEventDetails</c> of an <c>ExecutionStarted</c> event.</summary>
public sealed record ExecutionStartedEventDetails
{
    /// <summary>The execution input, as a JSON string (absent without <c>includeExecutionData</c>).</summary>
    public string? Input { get; init; }

    /// <summary>The ARN of the role the execution runs as.</summary>
    public string? RoleArn { get; init; }

    /// <summary>The alias the execution was started through, if any.</summary>
    public string? StateMachineAliasArn { get; init; }

    /// <summary>The version the execution runs, if any.</summary>
    public string? StateMachineVersionArn { get; init; }
}
