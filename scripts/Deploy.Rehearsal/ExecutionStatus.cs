namespace Deploy.Rehearsal;

/// <summary>How a rehearsal execution ended.</summary>
public enum ExecutionStatus
{
    /// <summary>The execution reached a Succeed state or an end state.</summary>
    Succeeded,

    /// <summary>The execution failed: a Fail state, an uncaught task error or a runtime error.</summary>
    Failed,
}
