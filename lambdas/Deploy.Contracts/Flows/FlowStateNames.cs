namespace Deploy.Contracts.Flows;

/// <summary>
/// The states of the synthesized state machines that code outside the flows depends on — the CLI reads them from a
/// definition or an execution's history, the rehearsal's invariants and report from the calls a state made — so the
/// flows name those states with these constants and a rename is one edit that every reader follows. A test
/// (<c>FlowStateNamesTests</c>) checks that every name exists, and every prefix begins a state, in the synthesized
/// definitions; renaming a state here, or in a flow without its constant, fails it.
/// </summary>
public static class FlowStateNames
{
    /// <summary>The Deploy state machine's states that others read.</summary>
    public static class Deploy
    {
        /// <summary>Takes the lock; the state after it (its <c>Next</c>) tells the CLI a deployment got past the lock.</summary>
        public const string AcquireLock = "AcquireLock";

        /// <summary>The Wait of the grace period after the new color scaled out; the CLI reads its <c>Seconds</c>.</summary>
        public const string GracePeriod = "GracePeriod";

        /// <summary>The Wait between two health polls; the CLI reads its <c>Seconds</c>.</summary>
        public const string WaitForHealth = "WaitForHealth";

        /// <summary>Sets the counters; the CLI reads the number of health polls allowed (<c>Parameters.polls</c>).</summary>
        public const string StartCounters = "StartCounters";

        /// <summary>The Wait between two checks of the bake; the CLI reads its <c>Seconds</c>.</summary>
        public const string Bake = "Bake";

        /// <summary>The approval (a <c>.waitForTaskToken</c> task); present only where the environment requires approval.</summary>
        public const string AwaitApproval = "AwaitApproval";

        /// <summary>The entry of the rollback sub-flow after a failed check (the rehearsal report measures from it).</summary>
        public const string RollBackToLiveColor = "RollBackToLiveColor";

        /// <summary>Marks weights that read back unlike the ones written (a rollback entry the report measures from).</summary>
        public const string MarkWeightsNotApplied = "MarkWeightsNotApplied";

        /// <summary>Marks traffic that someone else moved back meanwhile (a rollback entry the report measures from).</summary>
        public const string MarkTrafficMovedBack = "MarkTrafficMovedBack";

        /// <summary>Records the verified new live color and releases the lock: the deployment's success.</summary>
        public const string RecordNewLiveColor = "RecordNewLiveColor";

        /// <summary>Records the previous color retired and releases the lock (the retire step).</summary>
        public const string RecordPreviousRetired = "RecordPreviousRetired";

        /// <summary>Records a failed rollback and releases the lock.</summary>
        public const string RecordRollbackFailed = "RecordRollbackFailed";

        /// <summary>Notifies a request the validation refused.</summary>
        public const string NotifyRejected = "NotifyRejected";

        /// <summary>Notifies a deployment refused because another one holds the lock.</summary>
        public const string NotifyInProgress = "NotifyInProgress";

        /// <summary>Notifies a deployment that failed before it changed anything a rollback must undo.</summary>
        public const string NotifyFailed = "NotifyFailed";

        /// <summary>Notifies a deployment that rolled back (traffic on the live color again).</summary>
        public const string NotifyRolledBack = "NotifyRolledBack";

        /// <summary>Notifies a deployment whose rollback failed (traffic not restored).</summary>
        public const string NotifyRollbackFailed = "NotifyRollbackFailed";

        /// <summary>The notifications of a deployment that ended without success: it publishes exactly one of them.</summary>
        public static readonly IReadOnlyList<string> FailureNotices = [NotifyRejected, NotifyInProgress, NotifyFailed, NotifyRolledBack, NotifyRollbackFailed];
    }

    /// <summary>The Rollback state machine's states that others read.</summary>
    public static class Rollback
    {
        /// <summary>
        /// The verified restore's decision (its target color has healthy targets), followed by the color: the report measures
        /// from it.
        /// </summary>
        public const string RestoreTargetHealthy = "RestoreTargetHealthy";

        /// <summary>Records the restored color and releases a lock the rollback took; followed by the color (or <c>Warm</c> and the color).</summary>
        public const string RecordRestored = "RecordRestored";

        /// <summary>Forgets a live color that has nothing to restore to and releases the lock; followed by the color.</summary>
        public const string ForgetLiveColor = "ForgetLiveColor";
    }

    /// <summary>The Recovery state machine's states that others read.</summary>
    public static class Recovery
    {
        /// <summary>
        /// The notification that a stopped or timed-out deployment was recovered (followed by the color), or left nothing to
        /// recover (followed by <c>NothingLeft</c>).
        /// </summary>
        public const string NotifyDeploymentAborted = "NotifyDeploymentAborted";

        /// <summary>The notification that a recovery could not restore the environment.</summary>
        public const string NotifyRecoveryFailed = "NotifyRecoveryFailed";

        /// <summary>Corrects the record's colors and releases the stopped execution's lock; followed by the color.</summary>
        public const string RecordColors = "RecordColors";
    }

    /// <summary>Prefixes of the states that come in one per color (<c>…Blue</c>, <c>…Green</c>).</summary>
    public static class Prefixes
    {
        /// <summary>A deployment's traffic step (ModifyRule to the step's weights): Deploy.</summary>
        public const string ShiftTrafficTo = "ShiftTrafficTo";

        /// <summary>The restore of 100 % to the recorded live color (one ModifyRule): Deploy, Rollback, Recovery.</summary>
        public const string RestoreTrafficTo = "RestoreTrafficTo";

        /// <summary>A deployment's repair of a split it found before it started (one ModifyRule): Deploy.</summary>
        public const string RepairSplitTo = "RepairSplitTo";

        /// <summary>The states that release the lock alone (<c>Release…</c>): Deploy, Rollback, Recovery, Unlock.</summary>
        public const string Release = "Release";
    }

    /// <summary>
    /// What the name of every state that writes the lock free begins with: the <see cref="Prefixes.Release"/> states, and
    /// those that release it in the write that records the outcome.
    /// </summary>
    public static readonly IReadOnlyList<string> LockReleasingStates =
        [Prefixes.Release, Deploy.RecordNewLiveColor, Deploy.RecordPreviousRetired, Deploy.RecordRollbackFailed, Rollback.RecordRestored, Rollback.ForgetLiveColor,
            Recovery.RecordColors];
}
