namespace Deploy.Contracts;

/// <summary>
/// The named errors of the deployment pipeline. They are part of the contract between the
/// handlers and the state machines: a handler returns one in its <c>error.name</c>, and a state
/// machine ends a failed execution with one as the Fail state's <c>Error</c>, so callers (the CLI,
/// alarms, dashboards) can branch on the name rather than parse a message.
/// </summary>
public static class DeployErrors
{
    /// <summary>
    /// The deployment request (the execution input) is not a valid request: a required field is
    /// missing, a field has the wrong type or value, or an unknown field is present. Returned by
    /// the ValidateRequest handler before anything changes; the cause lists every bad field.
    /// </summary>
    public const string InvalidRequest = "Deploy.InvalidRequest";

    /// <summary>
    /// A handler received input that is not JSON, not a JSON object, or lacks a part it needs
    /// (for example HealthCheck without <c>targetHealth</c>, or LaunchTemplateRevert for a group
    /// the description does not contain). This points at the state machine or the environment
    /// configuration, not at the operator's request.
    /// </summary>
    public const string MalformedInput = "Deploy.MalformedInput";

    /// <summary>
    /// LaunchTemplateRevert refused to revert because the Auto Scaling group no longer uses the
    /// launch template recorded by the deployment (a different template id, a mixed instances
    /// policy or a launch configuration): someone changed the group outside the pipeline, and
    /// reverting would overwrite that change.
    /// </summary>
    public const string RevertConflict = "Deploy.RevertConflict";

    /// <summary>
    /// Another deployment holds the environment lock; this one changed nothing. Retry when the
    /// running deployment has finished.
    /// </summary>
    public const string DeploymentInProgress = "Deploy.DeploymentInProgress";

    /// <summary>
    /// The new color was judged Unhealthy by the HealthCheck handler (target health, target 5XX
    /// count, p99 response time or the composite alarm) before or after traffic moved.
    /// </summary>
    public const string HealthCheckFailed = "Deploy.HealthCheckFailed";

    /// <summary>
    /// The new color did not become Healthy within the deployment timeout (the counted number of
    /// health polls ran out while the verdict stayed Pending). Treated as a failure that rolls back.
    /// </summary>
    public const string DeploymentTimedOut = "Deploy.DeploymentTimedOut";

    /// <summary>
    /// A required manual approval was rejected, or timed out (a timeout counts as a rejection).
    /// </summary>
    public const string ApprovalRejected = "Deploy.ApprovalRejected";

    /// <summary>
    /// The deployment failed after the idle color was prepared and was rolled back: 100% of traffic
    /// is on the previous color again. The cause says why the rollback happened.
    /// </summary>
    public const string RolledBack = "Deploy.RolledBack";

    /// <summary>
    /// Restoring the previous weights failed or could not be verified. Traffic may not be on the
    /// previous color: this needs an operator.
    /// </summary>
    public const string RollbackFailed = "Deploy.RollbackFailed";

    /// <summary>
    /// The listener rule weights read back after a <c>ModifyRule</c> call differ from the weights
    /// that were written.
    /// </summary>
    public const string WeightsNotApplied = "Deploy.WeightsNotApplied";

    /// <summary>
    /// The listener rule was found with traffic split between the colors (neither at 100%),
    /// typically left by an interrupted run, and the configured repair policy does not allow the
    /// deployment to continue.
    /// </summary>
    public const string SplitTraffic = "Deploy.SplitTraffic";

    /// <summary>
    /// A rollback (the alarm rule or an operator, through the Rollback state machine) was signalled while this deployment
    /// ran: it moves traffic only back to the live color from then on, and rolls back. The cause names the signal.
    /// </summary>
    public const string RollbackRequested = "Deploy.RollbackRequested";

    /// <summary>
    /// The idle color still had instances after its scale-in to zero was given the time it needs (deregistration delay
    /// plus termination): a deployment launches the new version only on an empty group, because changing a group's
    /// launch template never replaces running instances. Rolls back; nothing took traffic.
    /// </summary>
    public const string IdleColorNotEmptied = "Deploy.IdleColorNotEmptied";

    /// <summary>
    /// The Recovery state machine (started when a Deploy or Rollback execution ends stopped, timed out or failed) could not
    /// put 100 % of traffic back on one color: an operator is needed. The cause names the ended execution.
    /// </summary>
    public const string RecoveryFailed = "Deploy.RecoveryFailed";

    /// <summary>
    /// The error an operator's <c>abort</c> (or <c>rollback</c> during a deployment) gives StopExecution: the deployment
    /// ended <c>ABORTED</c> where it was, and the Recovery state machine restores 100 % of traffic to the recorded live color,
    /// scales the unverified color in and releases the lock. The cause names who aborted and why.
    /// </summary>
    public const string Aborted = "Deploy.Aborted";

    /// <summary>
    /// The Unlock state machine refused to free the lock: its holder is still running (DescribeExecution answered
    /// <c>RUNNING</c>, or <c>PENDING_REDRIVE</c>: it runs again). Nothing was changed; the cause names the holder and its
    /// status. Wait for it to end, or stop it (its Recovery then frees the lock).
    /// </summary>
    public const string LockHolderRunning = "Deploy.LockHolderRunning";

    /// <summary>
    /// The Unlock state machine refused to free the lock: between its read and its write another execution took it (the
    /// ended holder's Recovery, or a deployment after a release). Nothing was changed; the cause names the new holder.
    /// </summary>
    public const string LockHolderChanged = "Deploy.LockHolderChanged";

    /// <summary>
    /// The deployment refused before changing anything: 100 % of traffic is on a color the state item does not vouch for —
    /// neither the recorded live color (the last verified one) nor a warm previous color — typically the failed color a
    /// rollback or recovery could not move traffic off (<see cref="RollbackFailed"/>, <see cref="RecoveryFailed"/>). Taking
    /// it as live would scale the verified color in and record an unverified one live. Restore a verified color first
    /// (the Rollback state machine: <c>deploy-pipeline rollback</c>), then deploy again.
    /// </summary>
    public const string TrafficOnUnverifiedColor = "Deploy.TrafficOnUnverifiedColor";

    /// <summary>Every named error above, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        InvalidRequest,
        MalformedInput,
        RevertConflict,
        DeploymentInProgress,
        HealthCheckFailed,
        DeploymentTimedOut,
        ApprovalRejected,
        RolledBack,
        RollbackFailed,
        WeightsNotApplied,
        SplitTraffic,
        RollbackRequested,
        IdleColorNotEmptied,
        RecoveryFailed,
        Aborted,
        LockHolderRunning,
        LockHolderChanged,
        TrafficOnUnverifiedColor,
    ];
}
