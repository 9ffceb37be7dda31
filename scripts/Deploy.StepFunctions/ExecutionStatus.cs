using System.Text.Json.Serialization;
using Deploy.StepFunctions.Internal;

namespace Deploy.StepFunctions;

/// <summary>
/// The status of an execution, as in
/// <a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html">DescribeExecution</a>.
/// On the wire: <c>RUNNING</c>, <c>SUCCEEDED</c>, <c>FAILED</c>, <c>TIMED_OUT</c>, <c>ABORTED</c>, <c>PENDING_REDRIVE</c>.
/// </summary>
[JsonConverter(typeof(ExecutionStatusJsonConverter))]
public enum ExecutionStatus
{
    /// <summary>A status this client does not know (a newer API value); never sent.</summary>
    Unknown,

    /// <summary><c>RUNNING</c>.</summary>
    Running,

    /// <summary><c>SUCCEEDED</c>.</summary>
    Succeeded,

    /// <summary><c>FAILED</c>.</summary>
    Failed,

    /// <summary><c>TIMED_OUT</c>.</summary>
    TimedOut,

    /// <summary><c>ABORTED</c>.</summary>
    Aborted,

    /// <summary><c>PENDING_REDRIVE</c>: a redrive was requested and has not started yet.</summary>
    PendingRedrive,
}
