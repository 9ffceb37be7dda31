namespace Deploy.StepFunctions;

/// <summary>
/// The response of <a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachine.html">DescribeStateMachine</a>.
/// </summary>
public sealed record DescribeStateMachineResult
{
    /// <summary>The ARN of the state machine.</summary>
    public string StateMachineArn { get; init; } = string.Empty;

    /// <summary>The state machine's name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The Amazon States Language definition, as a JSON string.</summary>
    public string Definition { get; init; } = string.Empty;

    /// <summary>The ARN of the role the executions run as.</summary>
    public string RoleArn { get; init; } = string.Empty;

    /// <summary>Standard or Express.</summary>
    public StateMachineType Type { get; init; }

    /// <summary><c>ACTIVE</c> or <c>DELETING</c>.</summary>
    public string? Status { get; init; }

    /// <summary>When the state machine was created.</summary>
    public DateTimeOffset CreationDate { get; init; }
}
