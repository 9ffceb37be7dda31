using System.Text.Json.Nodes;

namespace Deploy.Rehearsal;

/// <summary>The outcome of one rehearsal execution.</summary>
public sealed record ExecutionResult
{
    /// <summary>The execution's id within its <see cref="RehearsalEngine"/> (<see cref="TaskCall.RunId"/> of its tasks).</summary>
    public required int RunId { get; init; }

    /// <summary>How the execution ended.</summary>
    public required ExecutionStatus Status { get; init; }

    /// <summary>The execution's output when it succeeded; otherwise <see langword="null"/>.</summary>
    public JsonNode? Output { get; init; }

    /// <summary>
    /// The error name when it failed: a Fail state's Error, an uncaught task error, or
    /// <c>States.Runtime</c>/<c>States.NoChoiceMatched</c>/...; <c>Rehearsal.InvalidDefinition</c>
    /// when the definition did not pass validation, <c>Rehearsal.EngineError</c> when the driver
    /// itself failed. <see langword="null"/> on success, or for a Fail state without Error.
    /// </summary>
    public string? Error { get; init; }

    /// <summary>The failure's cause; <see langword="null"/> on success or when there is none.</summary>
    public string? Cause { get; init; }

    /// <summary>The execution's event log, in order.</summary>
    public required IReadOnlyList<ExecutionEvent> Events { get; init; }

    /// <summary>Whether the execution succeeded.</summary>
    public bool Succeeded => Status == ExecutionStatus.Succeeded;

    /// <summary>The status as the Step Functions API spells it: <c>SUCCEEDED</c>, <c>FAILED</c>, <c>ABORTED</c> or <c>TIMED_OUT</c>.</summary>
    public string StatusName => Status switch
    {
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.Aborted => "ABORTED",
        _ => "TIMED_OUT",
    };

    /// <summary>Whether the execution was stopped from outside or by its timeout (no Catch ran).</summary>
    public bool Stopped => Status is ExecutionStatus.Aborted or ExecutionStatus.TimedOut;
}
