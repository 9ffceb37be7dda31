namespace Deploy.StepFunctions.Internal;

/// <summary>Wire names of <see cref="ExecutionStatus"/>.</summary>
internal sealed class ExecutionStatusJsonConverter() : WireEnumJsonConverter<ExecutionStatus>(new Dictionary<ExecutionStatus, string>
{
    [ExecutionStatus.Running] = "RUNNING",
    [ExecutionStatus.Succeeded] = "SUCCEEDED",
    [ExecutionStatus.Failed] = "FAILED",
    [ExecutionStatus.TimedOut] = "TIMED_OUT",
    [ExecutionStatus.Aborted] = "ABORTED",
    [ExecutionStatus.PendingRedrive] = "PENDING_REDRIVE",
});
