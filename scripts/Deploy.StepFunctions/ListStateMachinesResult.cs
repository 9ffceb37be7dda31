namespace Deploy.StepFunctions;

/// <summary>
/// The response of <a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListStateMachines.html">ListStateMachines</a>:
/// one page.
/// </summary>
public sealed record ListStateMachinesResult
{
    /// <summary>The state machines on this page.</summary>
    public IReadOnlyList<StateMachineListItem> StateMachines { get; init; } = [];

    /// <summary>Pass to the next call for the next page; <see langword="null"/> on the last page.</summary>
    public string? NextToken { get; init; }
}
