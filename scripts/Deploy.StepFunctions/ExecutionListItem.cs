namespace Deploy.StepFunctions;

/// <summary>One execution in a <see cref="ListExecutionsResult"/>.</summary>
public sealed record ExecutionListItem
{
    /// <summary>The ARN of the execution.</summary>
    public string ExecutionArn { get; init; } = string.Empty;

    /// <summary>The ARN of the state machine it runs.</summary>
    public string? StateMachineArn { get; init; }

    /// <summary>The execution's name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The current status.</summary>
    public ExecutionStatus Status { get; init; }

    /// <summary>When the execution started.</summary>
    public DateTimeOffset StartDate { get; init; }

    /// <summary>When the execution stopped; <see langword="null"/> while it runs.</summary>
    public DateTimeOffset? StopDate { get; init; }
}
