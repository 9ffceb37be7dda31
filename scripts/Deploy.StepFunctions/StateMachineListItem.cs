namespace Deploy.StepFunctions;

/// <summary>One state machine in a <see cref="ListStateMachinesResult"/>.</summary>
public sealed record StateMachineListItem
{
    /// <summary>The ARN of the state machine.</summary>
    public string StateMachineArn { get; init; } = string.Empty;

    /// <summary>The state machine's name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Standard or Express.</summary>
    public StateMachineType Type { get; init; }

    /// <summary>When the state machine was created.</summary>
    public DateTimeOffset CreationDate { get; init; }
}
