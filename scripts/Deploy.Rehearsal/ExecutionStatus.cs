namespace Deploy.Rehearsal;

/// <summary>How a rehearsal execution ended (the execution statuses of the Step Functions API, DescribeExecution).</summary>
public enum ExecutionStatus
{
    /// <summary>The execution reached a Succeed state or an end state.</summary>
    Succeeded,

    /// <summary>The execution failed: a Fail state, an uncaught task error or a runtime error.</summary>
    Failed,

    /// <summary>The execution was stopped from outside (<c>StopExecution</c>): no Catch ran.</summary>
    Aborted,

    /// <summary>The execution ran longer than the state machine's <c>TimeoutSeconds</c> and was stopped: no Catch ran.</summary>
    TimedOut,
}
