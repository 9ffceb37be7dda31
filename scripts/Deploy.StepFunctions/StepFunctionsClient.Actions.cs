using System.Text.Json;
using Deploy.StepFunctions.Internal;

namespace Deploy.StepFunctions;

public sealed partial class StepFunctionsClient
{
    private static StepFunctionsJsonContext Json => StepFunctionsJsonContext.Default;

    /// <inheritdoc/>
    public Task<StartExecutionResult> StartExecutionAsync(
        string stateMachineArn,
        string? input = null,
        string? name = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateMachineArn);
        return SendAsync(
            "StartExecution",
            new StartExecutionRequest(stateMachineArn, input, name),
            Json.StartExecutionRequest,
            Json.StartExecutionResult,
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<StartSyncExecutionResult> StartSyncExecutionAsync(
        string stateMachineArn,
        string? input = null,
        string? name = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateMachineArn);
        return SendAsync(
            "StartSyncExecution",
            new StartExecutionRequest(stateMachineArn, input, name),
            Json.StartExecutionRequest,
            Json.StartSyncExecutionResult,
            cancellationToken,
            sync: true);
    }

    /// <inheritdoc/>
    public Task<DescribeExecutionResult> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(executionArn);
        return SendAsync(
            "DescribeExecution",
            new DescribeExecutionRequest(executionArn),
            Json.DescribeExecutionRequest,
            Json.DescribeExecutionResult,
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<ListExecutionsResult> ListExecutionsAsync(
        string stateMachineArn,
        ExecutionStatus? statusFilter = null,
        int? maxResults = null,
        string? nextToken = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateMachineArn);
        if (statusFilter == ExecutionStatus.Unknown)
        {
            throw new ArgumentOutOfRangeException(nameof(statusFilter), statusFilter, "Unknown is not a status the API can filter on.");
        }

        return SendAsync(
            "ListExecutions",
            new ListExecutionsRequest(stateMachineArn, statusFilter, maxResults, nextToken),
            Json.ListExecutionsRequest,
            Json.ListExecutionsResult,
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<GetExecutionHistoryResult> GetExecutionHistoryAsync(
        string executionArn,
        int? maxResults = null,
        bool? reverseOrder = null,
        string? nextToken = null,
        bool? includeExecutionData = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(executionArn);
        var page = await SendAsync(
            "GetExecutionHistory",
            new GetExecutionHistoryRequest(executionArn, maxResults, reverseOrder, nextToken, includeExecutionData),
            Json.GetExecutionHistoryRequest,
            Json.GetExecutionHistoryWireResponse,
            cancellationToken).ConfigureAwait(false);

        var events = new List<HistoryEvent>(page.Events.Count);
        foreach (var raw in page.Events)
        {
            try
            {
                var typed = raw.Deserialize(Json.HistoryEvent) ?? throw new JsonException("The event is JSON null.");
                events.Add(typed with { Raw = raw });
            }
            catch (JsonException e)
            {
                throw new StepFunctionsException(
                    StepFunctionsErrorKind.Unknown,
                    "InvalidResponse",
                    $"GetExecutionHistory: an event could not be read: {e.Message}",
                    innerException: e);
            }
        }

        return new GetExecutionHistoryResult { Events = events, NextToken = page.NextToken };
    }

    /// <inheritdoc/>
    public Task SendTaskSuccessAsync(string taskToken, string output, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskToken);
        ArgumentNullException.ThrowIfNull(output);
        return SendAsync(
            "SendTaskSuccess",
            new SendTaskSuccessRequest(taskToken, output),
            Json.SendTaskSuccessRequest,
            Json.EmptyResponse,
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task SendTaskFailureAsync(
        string taskToken,
        string? error = null,
        string? cause = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskToken);
        return SendAsync(
            "SendTaskFailure",
            new SendTaskFailureRequest(taskToken, error, cause),
            Json.SendTaskFailureRequest,
            Json.EmptyResponse,
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<StopExecutionResult> StopExecutionAsync(
        string executionArn,
        string? error = null,
        string? cause = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(executionArn);
        return SendAsync(
            "StopExecution",
            new StopExecutionRequest(executionArn, error, cause),
            Json.StopExecutionRequest,
            Json.StopExecutionResult,
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<ListStateMachinesResult> ListStateMachinesAsync(string? nextToken = null, CancellationToken cancellationToken = default) =>
        SendAsync(
            "ListStateMachines",
            new ListStateMachinesRequest(nextToken),
            Json.ListStateMachinesRequest,
            Json.ListStateMachinesResult,
            cancellationToken);

    /// <inheritdoc/>
    public Task<DescribeStateMachineResult> DescribeStateMachineAsync(string stateMachineArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateMachineArn);
        return SendAsync(
            "DescribeStateMachine",
            new DescribeStateMachineRequest(stateMachineArn),
            Json.DescribeStateMachineRequest,
            Json.DescribeStateMachineResult,
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<ListTagsForResourceResult> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceArn);
        return SendAsync(
            "ListTagsForResource",
            new ListTagsForResourceRequest(resourceArn),
            Json.ListTagsForResourceRequest,
            Json.ListTagsForResourceResult,
            cancellationToken);
    }
}
