namespace Deploy.Cli;

/// <summary>The CLI's exit codes; scripts and CI jobs branch on them.</summary>
public enum ExitCode
{
    /// <summary>The command did what was asked (for <c>deploy --wait</c>: the deployment succeeded).</summary>
    Success = 0,

    /// <summary>An unexpected error (a bug): the message says what happened.</summary>
    Unexpected = 1,

    /// <summary>The command line or its values are wrong, the environment is unknown, or there is nothing to act on.</summary>
    UsageError = 2,

    /// <summary>
    /// The deployment failed (not rolled back: refused, or the rollback itself failed); <c>unlock</c>: refused (the holder
    /// runs, or the lock changed hands) or failed.
    /// </summary>
    DeploymentFailed = 3,

    /// <summary>The deployment was rolled back: traffic is on the previous color.</summary>
    RolledBack = 4,

    /// <summary>The approval was rejected or timed out; the deployment rolled back.</summary>
    ApprovalRejected = 5,

    /// <summary><c>--wait</c> gave up before the execution ended; it goes on.</summary>
    WaitTimedOut = 6,

    /// <summary>AWS refused the call: no or bad credentials, access denied, throttled past retries, service error.</summary>
    AwsError = 7,
}
