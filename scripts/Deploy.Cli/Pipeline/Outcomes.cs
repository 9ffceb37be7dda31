namespace Deploy.Cli.Pipeline;

/// <summary>How an ended Deploy execution maps to an outcome word and an exit code.</summary>
public static class Outcomes
{
    /// <summary>
    /// The outcome word: Succeeded, RolledBack, ApprovalRejected, RollbackFailed, Refused, Aborted (stopped: by a rollback,
    /// an abort or from outside), TimedOut (the state machine's timeout), Failed, Running.
    /// </summary>
    public static string Of(ExecutionView execution) => execution.Status switch
    {
        "SUCCEEDED" => "Succeeded",
        "RUNNING" or "PENDING_REDRIVE" => "Running",
        _ when execution.Error == "Deploy.RolledBack" && execution.Cause?.Contains("Deploy.ApprovalRejected", StringComparison.Ordinal) == true => "ApprovalRejected",
        _ when execution.Error == "Deploy.RolledBack" => "RolledBack",
        _ when execution.Error == "Deploy.RollbackFailed" => "RollbackFailed",
        _ when execution.Error is "Deploy.InvalidRequest" or "Deploy.DeploymentInProgress" or "Deploy.SplitTraffic" or "Deploy.TrafficOnUnverifiedColor" => "Refused",
        "ABORTED" => "Aborted",
        "TIMED_OUT" => "TimedOut",
        _ => "Failed",
    };

    /// <summary>The exit code of <c>deploy --wait</c> / <c>status</c> for an ended execution.</summary>
    public static ExitCode ExitCodeOf(ExecutionView execution) => Of(execution) switch
    {
        "Succeeded" => ExitCode.Success,
        "RolledBack" => ExitCode.RolledBack,
        "ApprovalRejected" => ExitCode.ApprovalRejected,
        "Running" => ExitCode.Success,
        _ => ExitCode.DeploymentFailed,
    };
}
