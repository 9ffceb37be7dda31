using Deploy.StepFunctions;

namespace Deploy.Cli.Tests.TestSupport;

/// <summary>
/// A client whose every started execution has already ended as <paramref name="ended"/> says: it lists
/// <paramref name="stateMachines"/>, records each StartExecution (machine and input) and describes the execution as ended.
/// Any other call fails the test.
/// </summary>
internal sealed class EndedExecutionClient(DescribeExecutionResult ended, params string[] stateMachines) : IStepFunctionsClient
{
    public List<(string StateMachineArn, string? Input)> Started { get; } = new();

    public Task<ListStateMachinesResult> ListStateMachinesAsync(string? nextToken = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ListStateMachinesResult
        {
            StateMachines = stateMachines.Select(n => new StateMachineListItem { Name = n, StateMachineArn = Arn(n) }).ToList(),
        });

    public Task<StartExecutionResult> StartExecutionAsync(string stateMachineArn, string? input = null, string? name = null, CancellationToken cancellationToken = default)
    {
        Started.Add((stateMachineArn, input));
        return Task.FromResult(new StartExecutionResult { ExecutionArn = ended.ExecutionArn, StartDate = ended.StartDate });
    }

    public Task<DescribeExecutionResult> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken = default) =>
        Task.FromResult(ended);

    public Task<StartSyncExecutionResult> StartSyncExecutionAsync(string stateMachineArn, string? input = null, string? name = null, CancellationToken cancellationToken = default) => Unexpected<StartSyncExecutionResult>();

    public Task<ListExecutionsResult> ListExecutionsAsync(string stateMachineArn, ExecutionStatus? statusFilter = null, int? maxResults = null, string? nextToken = null, CancellationToken cancellationToken = default) => Unexpected<ListExecutionsResult>();

    public Task<GetExecutionHistoryResult> GetExecutionHistoryAsync(string executionArn, int? maxResults = null, bool? reverseOrder = null, string? nextToken = null, bool? includeExecutionData = null, CancellationToken cancellationToken = default) => Unexpected<GetExecutionHistoryResult>();

    public Task SendTaskSuccessAsync(string taskToken, string output, CancellationToken cancellationToken = default) => Unexpected<object>();

    public Task SendTaskFailureAsync(string taskToken, string? error = null, string? cause = null, CancellationToken cancellationToken = default) => Unexpected<object>();

    public Task<StopExecutionResult> StopExecutionAsync(string executionArn, string? error = null, string? cause = null, CancellationToken cancellationToken = default) => Unexpected<StopExecutionResult>();

    public Task<DescribeStateMachineResult> DescribeStateMachineAsync(string stateMachineArn, CancellationToken cancellationToken = default) => Unexpected<DescribeStateMachineResult>();

    public Task<ListTagsForResourceResult> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken = default) => Unexpected<ListTagsForResourceResult>();

    public static string Arn(string stateMachine) => $"arn:aws:states:us-east-1:123456789012:stateMachine:{stateMachine}";

    private static Task<T> Unexpected<T>([System.Runtime.CompilerServices.CallerMemberName] string call = "") =>
        throw new InvalidOperationException($"{call} was not expected in this test.");
}
