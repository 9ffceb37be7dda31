namespace Deploy.StepFunctions;

/// <summary>
/// The response of <a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListExecutions.html">ListExecutions</a>:
/// one page, newest first.
/// </summary>
public sealed record ListExecutionsResult
{
    /// <summary>The executions on this page.</summary>
    public IReadOnlyList<ExecutionListItem> Executions { get; init; } = [];

    /// <summary>Pass to the next call for the next page; <see langword="null"/> on the last page.</summary>
    public string? NextToken { get; init; }
}
