namespace Deploy.StepFunctions;

/// <summary>
/// The details of the task events after scheduling: <c>taskStartedEventDetails</c>, <c>taskSubmittedEventDetails</c>,
/// <c>taskSucceededEventDetails</c>, <c>taskFailedEventDetails</c>, <c>taskTimedOutEventDetails</c>,
/// <c>taskStartFailedEventDetails</c>, <c>taskSubmitFailedEventDetails</c>. Each fills the members it has.
/// </summary>
public sealed record TaskEventDetails
{
    /// <summary>The service, e.g. <c>lambda</c>.</summary>
    public string? ResourceType { get; init; }

    /// <summary>The action, e.g. <c>invoke</c>.</summary>
    public string? Resource { get; init; }

    /// <summary>The service's response, as a JSON string (submitted and succeeded events).</summary>
    public string? Output { get; init; }

    /// <summary>The error name (failed, timed-out, start-failed and submit-failed events).</summary>
    public string? Error { get; init; }

    /// <summary>The error's cause.</summary>
    public string? Cause { get; init; }
}
