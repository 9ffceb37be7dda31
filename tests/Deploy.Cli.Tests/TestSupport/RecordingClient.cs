using Deploy.StepFunctions;

namespace Deploy.Cli.Tests.TestSupport;

/// <summary>A client that records every call and answers from a fixed list of state machines; any other call fails the test.</summary>
internal sealed class RecordingClient(params string[] stateMachines) : IStepFunctionsClient
{
    public List<string> Calls { get; } = new();

    public Task<ListStateMachinesResult> ListStateMachinesAsync(string? nextToken = null, CancellationToken cancellationToken = default)
    {
        Calls.Add("ListStateMachines");
        return Task.FromResult(new ListStateMachinesResult
        {
            StateMachines = stateMachines.Select(n => new StateMachineListItem { Name = n, StateMachineArn = $"arn:aws:states:us-east-1:123456789012:stateMachine:{n}" }).ToList(),
        });
    }

    public Task<StartExecutionResult> StartExecutionAsync(string stateMachineArn, string? input = null, string? name = null, CancellationToken cancellationToken = default) => Unexpected<StartExecutionResult>("StartExecution");

    public Task<StartSyncExecutionResult> StartSyncExecutionAsync(string stateMachineArn, string? input = null, string? name = null, CancellationToken cancellationToken = default) => Unexpected<StartSyncExecutionResult>("StartSyncExecution");

    public Task<DescribeExecutionResult> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken = default) => Unexpected<DescribeExecutionResult>("DescribeExecution");

    public Task<ListExecutionsResult> ListExecutionsAsync(string stateMachineArn, ExecutionStatus? statusFilter = null, int? maxResults = null, string? nextToken = null, CancellationToken cancellationToken = default)
    {
        Calls.Add("ListExecutions");
        return Task.FromResult(new ListExecutionsResult());
    }

    public Task<GetExecutionHistoryResult> GetExecutionHistoryAsync(string executionArn, int? maxResults = null, bool? reverseOrder = null, string? nextToken = null, bool? includeExecutionData = null, CancellationToken cancellationToken = default) => Unexpected<GetExecutionHistoryResult>("GetExecutionHistory");

    public Task SendTaskSuccessAsync(string taskToken, string output, CancellationToken cancellationToken = default) => Unexpected<object>("SendTaskSuccess");

    public Task SendTaskFailureAsync(string taskToken, string? error = null, string? cause = null, CancellationToken cancellationToken = default) => Unexpected<object>("SendTaskFailure");

    public Task<StopExecutionResult> StopExecutionAsync(string executionArn, string? error = null, string? cause = null, CancellationToken cancellationToken = default) => Unexpected<StopExecutionResult>("StopExecution");

    public Task<DescribeStateMachineResult> DescribeStateMachineAsync(string stateMachineArn, CancellationToken cancellationToken = default) => Unexpected<DescribeStateMachineResult>("DescribeStateMachine");

    public Task<ListTagsForResourceResult> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken = default) => Unexpected<ListTagsForResourceResult>("ListTagsForResource");

    private Task<T> Unexpected<T>(string call)
    {
        Calls.Add(call);
        throw new InvalidOperationException($"{call} was not expected in this test.");
    }
}
