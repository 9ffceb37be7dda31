namespace Deploy.StepFunctions.Internal;

// Request bodies of the JSON 1.0 protocol. Member names become the API's lowerCamelCase names through the
// serializer context's naming policy; null members are left out.

/// <summary>StartExecution and StartSyncExecution.</summary>
internal sealed record StartExecutionRequest(string StateMachineArn, string? Input, string? Name);

/// <summary>DescribeExecution.</summary>
internal sealed record DescribeExecutionRequest(string ExecutionArn);

/// <summary>ListExecutions.</summary>
internal sealed record ListExecutionsRequest(
    string StateMachineArn,
    ExecutionStatus? StatusFilter,
    int? MaxResults,
    string? NextToken);

/// <summary>GetExecutionHistory.</summary>
internal sealed record GetExecutionHistoryRequest(
    string ExecutionArn,
    int? MaxResults,
    bool? ReverseOrder,
    string? NextToken,
    bool? IncludeExecutionData);

/// <summary>SendTaskSuccess.</summary>
internal sealed record SendTaskSuccessRequest(string TaskToken, string Output);

/// <summary>SendTaskFailure.</summary>
internal sealed record SendTaskFailureRequest(string TaskToken, string? Error, string? Cause);

/// <summary>StopExecution.</summary>
internal sealed record StopExecutionRequest(string ExecutionArn, string? Error, string? Cause);

/// <summary>ListStateMachines.</summary>
internal sealed record ListStateMachinesRequest(string? NextToken);

/// <summary>DescribeStateMachine.</summary>
internal sealed record DescribeStateMachineRequest(string StateMachineArn);

/// <summary>ListTagsForResource.</summary>
internal sealed record ListTagsForResourceRequest(string ResourceArn);
