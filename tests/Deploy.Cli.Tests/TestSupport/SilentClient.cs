using Deploy.StepFunctions;

namespace Deploy.Cli.Tests.TestSupport;

/// <summary>
/// A client that answers nothing useful, as an empty account would: it lists <paramref name="stateMachines"/>, no
/// executions, and refuses every other call the way Step Functions refuses an unknown ARN (ExecutionDoesNotExist or
/// StateMachineDoesNotExist). Thread-safe and instant, for the fuzz test.
/// </summary>
internal sealed class SilentClient(params string[] stateMachines) : IStepFunctionsClient
{
    public Task<ListStateMachinesResult> ListStateMachinesAsync(string? nextToken = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ListStateMachinesResult
        {
            StateMachines = stateMachines.Select(n => new StateMachineListItem { Name = n, StateMachineArn = EndedExecutionClient.Arn(n) }).ToList(),
        });

    public Task<ListExecutionsResult> ListExecutionsAsync(string stateMachineArn, ExecutionStatus? statusFilter = null, int? maxResults = null, string? nextToken = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ListExecutionsResult());

    public Task<StartExecutionResult> StartExecutionAsync(string stateMachineArn, string? input = null, string? name = null, CancellationToken cancellationToken = default) => NoMachine<StartExecutionResult>(stateMachineArn);

    public Task<StartSyncExecutionResult> StartSyncExecutionAsync(string stateMachineArn, string? input = null, string? name = null, CancellationToken cancellationToken = default) => NoMachine<StartSyncExecutionResult>(stateMachineArn);

    public Task<DescribeExecutionResult> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken = default) => NoExecution<DescribeExecutionResult>(executionArn);

    public Task<GetExecutionHistoryResult> GetExecutionHistoryAsync(string executionArn, int? maxResults = null, bool? reverseOrder = null, string? nextToken = null, bool? includeExecutionData = null, CancellationToken cancellationToken = default) => NoExecution<GetExecutionHistoryResult>(executionArn);

    public Task SendTaskSuccessAsync(string taskToken, string output, CancellationToken cancellationToken = default) =>
        throw new StepFunctionsException(StepFunctionsErrorKind.Validation, "InvalidToken", "Invalid token");

    public Task SendTaskFailureAsync(string taskToken, string? error = null, string? cause = null, CancellationToken cancellationToken = default) =>
        throw new StepFunctionsException(StepFunctionsErrorKind.Validation, "InvalidToken", "Invalid token");

    public Task<StopExecutionResult> StopExecutionAsync(string executionArn, string? error = null, string? cause = null, CancellationToken cancellationToken = default) => NoExecution<StopExecutionResult>(executionArn);

    public Task<DescribeStateMachineResult> DescribeStateMachineAsync(string stateMachineArn, CancellationToken cancellationToken = default) => NoMachine<DescribeStateMachineResult>(stateMachineArn);

    public Task<ListTagsForResourceResult> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken = default) => NoMachine<ListTagsForResourceResult>(resourceArn);

    private static Task<T> NoExecution<T>(string arn) =>
        throw new StepFunctionsException(StepFunctionsErrorKind.ExecutionDoesNotExist, "ExecutionDoesNotExist", $"Execution Does Not Exist: '{arn}'", 400);

    private static Task<T> NoMachine<T>(string arn) =>
        throw new StepFunctionsException(StepFunctionsErrorKind.StateMachineDoesNotExist, "StateMachineDoesNotExist", $"State Machine Does Not Exist: '{arn}'", 400);
}
