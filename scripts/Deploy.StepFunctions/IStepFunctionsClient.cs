namespace Deploy.StepFunctions;

/// <summary>
/// The Step Functions actions the deployment tooling uses, named after the
/// <a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_Operations.html">API reference</a>.
/// Implemented by <see cref="StepFunctionsClient"/>; an adapter over <c>AWSSDK.StepFunctions</c> can replace it where
/// that package is available.
/// </summary>
/// <remarks>Every method throws <see cref="StepFunctionsException"/> (or <see cref="NoCredentialsException"/>) on failure.</remarks>
public interface IStepFunctionsClient
{
    /// <summary>Starts an execution (<a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html">StartExecution</a>).</summary>
    /// <param name="stateMachineArn">The state machine (or version or alias) to run.</param>
    /// <param name="input">The input as a JSON string. Default: the service's <c>{}</c>.</param>
    /// <param name="name">A name unique for 90 days; calling again with the same name and input is idempotent. Default: a generated UUID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<StartExecutionResult> StartExecutionAsync(
        string stateMachineArn,
        string? input = null,
        string? name = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs an Express execution and waits for its result
    /// (<a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartSyncExecution.html">StartSyncExecution</a>).
    /// A failed execution is a result (<see cref="StartSyncExecutionResult.Status"/>), not an exception.
    /// </summary>
    /// <param name="stateMachineArn">The Express state machine to run.</param>
    /// <param name="input">The input as a JSON string. Default: <c>{}</c>.</param>
    /// <param name="name">The execution's name. Default: a generated UUID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<StartSyncExecutionResult> StartSyncExecutionAsync(
        string stateMachineArn,
        string? input = null,
        string? name = null,
        CancellationToken cancellationToken = default);

    /// <summary>Describes an execution (<a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html">DescribeExecution</a>).</summary>
    /// <param name="executionArn">The execution.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<DescribeExecutionResult> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken = default);

    /// <summary>Lists a state machine's executions, newest first (<a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListExecutions.html">ListExecutions</a>).</summary>
    /// <param name="stateMachineArn">The state machine.</param>
    /// <param name="statusFilter">Only executions with this status. Default: all.</param>
    /// <param name="maxResults">The page size, 1–1000. Default: the service's (100).</param>
    /// <param name="nextToken">The <see cref="ListExecutionsResult.NextToken"/> of the previous page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<ListExecutionsResult> ListExecutionsAsync(
        string stateMachineArn,
        ExecutionStatus? statusFilter = null,
        int? maxResults = null,
        string? nextToken = null,
        CancellationToken cancellationToken = default);

    /// <summary>Reads one page of an execution's events (<a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html">GetExecutionHistory</a>).</summary>
    /// <param name="executionArn">The execution.</param>
    /// <param name="maxResults">The page size, 1–1000. Default: the service's (100).</param>
    /// <param name="reverseOrder">Newest first. Default: oldest first.</param>
    /// <param name="nextToken">The <see cref="GetExecutionHistoryResult.NextToken"/> of the previous page.</param>
    /// <param name="includeExecutionData">Whether inputs and outputs are included. Default: the service's (true).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<GetExecutionHistoryResult> GetExecutionHistoryAsync(
        string executionArn,
        int? maxResults = null,
        bool? reverseOrder = null,
        string? nextToken = null,
        bool? includeExecutionData = null,
        CancellationToken cancellationToken = default);

    /// <summary>Completes a waiting task (<a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskSuccess.html">SendTaskSuccess</a>).</summary>
    /// <param name="taskToken">The token the task was given.</param>
    /// <param name="output">The task's result, as a JSON string.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task SendTaskSuccessAsync(string taskToken, string output, CancellationToken cancellationToken = default);

    /// <summary>Fails a waiting task (<a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskFailure.html">SendTaskFailure</a>).</summary>
    /// <param name="taskToken">The token the task was given.</param>
    /// <param name="error">The error name the state machine's Catch/Retry match on.</param>
    /// <param name="cause">A human-readable cause.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task SendTaskFailureAsync(
        string taskToken,
        string? error = null,
        string? cause = null,
        CancellationToken cancellationToken = default);

    /// <summary>Stops a running execution (<a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_StopExecution.html">StopExecution</a>).</summary>
    /// <param name="executionArn">The execution.</param>
    /// <param name="error">An error name recorded with the stop.</param>
    /// <param name="cause">A human-readable cause recorded with the stop.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<StopExecutionResult> StopExecutionAsync(
        string executionArn,
        string? error = null,
        string? cause = null,
        CancellationToken cancellationToken = default);

    /// <summary>Lists the account's state machines in this Region (<a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListStateMachines.html">ListStateMachines</a>).</summary>
    /// <param name="nextToken">The <see cref="ListStateMachinesResult.NextToken"/> of the previous page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<ListStateMachinesResult> ListStateMachinesAsync(string? nextToken = null, CancellationToken cancellationToken = default);

    /// <summary>Describes a state machine (<a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachine.html">DescribeStateMachine</a>).</summary>
    /// <param name="stateMachineArn">The state machine.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<DescribeStateMachineResult> DescribeStateMachineAsync(string stateMachineArn, CancellationToken cancellationToken = default);

    /// <summary>Lists a resource's tags (<a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListTagsForResource.html">ListTagsForResource</a>).</summary>
    /// <param name="resourceArn">A state machine or activity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<ListTagsForResourceResult> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken = default);
}
