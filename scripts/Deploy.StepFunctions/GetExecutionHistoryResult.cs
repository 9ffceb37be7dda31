namespace Deploy.StepFunctions;

/// <summary>
/// The response of <a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html">GetExecutionHistory</a>:
/// one page of events.
/// </summary>
public sealed record GetExecutionHistoryResult
{
    /// <summary>The events on this page, oldest first unless reverse order was asked for.</summary>
    public IReadOnlyList<HistoryEvent> Events { get; init; } = [];

    /// <summary>Pass to the next call for the next page; <see langword="null"/> on the last page.</summary>
    public string? NextToken { get; init; }
}
