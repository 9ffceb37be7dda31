using Deploy.Contracts.Pipeline;
using Deploy.StepFunctions;

namespace Deploy.Cli.Tests.TestSupport;

/// <summary>
/// A client that passes every call to <paramref name="inner"/>, except that ListTagsForResource answers without the
/// published figures (<see cref="PublishedTags"/>): a stack deployed by a version of the construct that did not publish them.
/// </summary>
internal sealed class OlderStackClient(IStepFunctionsClient inner) : IStepFunctionsClient
{
    public async Task<ListTagsForResourceResult> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken = default)
    {
        var tags = await inner.ListTagsForResourceAsync(resourceArn, cancellationToken);
        return tags with { Tags = tags.Tags.Where(t => !t.Key.StartsWith(PublishedTags.Prefix, StringComparison.Ordinal)).ToList() };
    }

    public Task<StartExecutionResult> StartExecutionAsync(string stateMachineArn, string? input = null, string? name = null, CancellationToken cancellationToken = default) =>
        inner.StartExecutionAsync(stateMachineArn, input, name, cancellationToken);

    public Task<StartSyncExecutionResult> StartSyncExecutionAsync(string stateMachineArn, string? input = null, string? name = null, CancellationToken cancellationToken = default) =>
        inner.StartSyncExecutionAsync(stateMachineArn, input, name, cancellationToken);

    public Task<DescribeExecutionResult> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken = default) =>
        inner.DescribeExecutionAsync(executionArn, cancellationToken);

    public Task<ListExecutionsResult> ListExecutionsAsync(string stateMachineArn, ExecutionStatus? statusFilter = null, int? maxResults = null, string? nextToken = null, CancellationToken cancellationToken = default) =>
        inner.ListExecutionsAsync(stateMachineArn, statusFilter, maxResults, nextToken, cancellationToken);

    public Task<GetExecutionHistoryResult> GetExecutionHistoryAsync(string executionArn, int? maxResults = null, bool? reverseOrder = null, string? nextToken = null, bool? includeExecutionData = null, CancellationToken cancellationToken = default) =>
        inner.GetExecutionHistoryAsync(executionArn, maxResults, reverseOrder, nextToken, includeExecutionData, cancellationToken);

    public Task SendTaskSuccessAsync(string taskToken, string output, CancellationToken cancellationToken = default) =>
        inner.SendTaskSuccessAsync(taskToken, output, cancellationToken);

    public Task SendTaskFailureAsync(string taskToken, string? error = null, string? cause = null, CancellationToken cancellationToken = default) =>
        inner.SendTaskFailureAsync(taskToken, error, cause, cancellationToken);

    public Task<StopExecutionResult> StopExecutionAsync(string executionArn, string? error = null, string? cause = null, CancellationToken cancellationToken = default) =>
        inner.StopExecutionAsync(executionArn, error, cause, cancellationToken);

    public Task<ListStateMachinesResult> ListStateMachinesAsync(string? nextToken = null, CancellationToken cancellationToken = default) =>
        inner.ListStateMachinesAsync(nextToken, cancellationToken);

    public Task<DescribeStateMachineResult> DescribeStateMachineAsync(string stateMachineArn, CancellationToken cancellationToken = default) =>
        inner.DescribeStateMachineAsync(stateMachineArn, cancellationToken);
}
