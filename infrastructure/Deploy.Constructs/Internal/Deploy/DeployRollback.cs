using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.DeployPhase;
using static Deploy.Constructs.Internal.StateTable;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The Deploy flow's rollback: a Choice on the live color, then ModifyRule putting 100 % back on it (<see cref="RestoreTraffic"/>)
/// — no Lambda and at most two states after the detecting state. Then read back, say why, notify once, revert and scale
/// down the failed color (<see cref="RevertFailedColor"/>), record, release the lock, and fail with <c>Deploy.RolledBack</c>.
/// </summary>
/// <remarks>A rollback records the larger of two lower bounds of the time it took: the last verdict's measure, when there is
/// one, and the counted clock.</remarks>
internal static class DeployRollback
{
    public static IChainable Build(Construct scope, FlowContext context)
    {
        var rollbackFailedEnd = new Fail(scope, "RollbackFailed", new FailProps
        {
            Error = DeployErrors.RollbackFailed,
            Cause = "The listener rule could not be changed back to the previous color, or reading it back did not show 100% on it. Traffic may be on the new color: act now.",
        });
        // The record says what is true after a failed restore: the live color is still the last verified one (traffic may be
        // on the idle color, or split: the Rollback flow reads the weights), the idle color is the previous one and not warm,
        // the revert of the idle group is the one this deployment knows, and a rollback failed. Then an operator's Rollback
        // restores the live color once it is verified. If that write is refused, the lock is still released alone.
        var count = FlowTasks.BestEffort(FlowSteps.PutMetrics(scope, "CountRollbackFailed", context, ("DeploymentsFailed", 1, "Count")), rollbackFailedEnd);
        var recordFailed = ReleaseLock(scope, FlowStateNames.Deploy.RecordRollbackFailed, context,
            "previousColor = :idle, previousWarm = :false, revertGroup = :group, revertLaunchTemplateVersion = :revertLt, revertMinSize = :min, " +
            $"revertMaxSize = :max, revertDesiredCapacity = :desired, {RollbackFailedMarker} = :me",
            FinalizePhase.WithIdleGroupRevert(new Dictionary<string, DynamoAttributeValue>
            {
                [":idle"] = Str(P(s => s.Colors.Idle)),
                [":false"] = DynamoAttributeValue.FromBoolean(false),
            }));
        recordFailed.AddCatch(FlowTasks.BestEffort(ReleaseLock(scope, "ReleaseLockAfterFailedRollback", context), count),
            new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = P(s => s.RecordFailure) });
        recordFailed.Next(count);
        var rollbackFailed = FlowTasks.BestEffort(
            Notifications.Publish(scope, FlowStateNames.Deploy.NotifyRollbackFailed, context, "RollbackFailed", "Rollback FAILED: traffic not restored", P(s => s.RestoreFailure)),
            recordFailed);

        return RestoreTraffic.ToColorAt(scope, new RestoreTraffic.RestoreAt(FlowStateNames.Deploy.RollBackToLiveColor,
            FlowPhases.Tag(FlowPhases.Rollback, "Traffic back on the live color first."), context.Fleet, P(s => s.Colors.Live), P(s => s.Restored),
            Reason(scope, Cleanup(scope, context)), rollbackFailed, P(s => s.RestoreFailure)));
    }

    /// <summary>After traffic is back: why the deployment rolled back, as <c>$.rollback = { reason, detail }</c>; then <paramref name="next"/>.</summary>
    private static IChainable Reason(Construct scope, IChainable next)
    {
        var reason = StatePath.Name<RollbackReason>(r => r.Reason);
        var detail = StatePath.Name<RollbackReason>(r => r.Detail);
        Pass Because(string id, KeyValuePair<string, object> why, string detailPath)
        {
            var pass = new Pass(scope, id, new PassProps
            {
                Parameters = new Dictionary<string, object>(new[] { why, new KeyValuePair<string, object>($"{detail}.$", detailPath) }),
                ResultPath = P(s => s.Rollback),
            });
            pass.Next(next);
            return pass;
        }

        var fromError = Because("ReasonFromError", new($"{reason}.$", P(s => s.Failure.Error)), P(s => s.Failure.Cause));
        var reasons = $"States.JsonToString({P(s => s.Verdict.Reasons)})";
        return new Choice(scope, "WhyRolledBack")
            .When(Condition.And(Condition.IsPresent(P(s => s.ApprovalFailure)), Condition.StringEquals(P(s => s.ApprovalFailure.Error), ServiceErrors.TaskTimeout)),
                Because("ApprovalTimedOut", new(reason, DeployErrors.ApprovalRejected), P(s => s.ApprovalFailure.Cause)))
            .When(Condition.IsPresent(P(s => s.ApprovalFailure)),
                Because("ApprovalWasRejected", new(reason, DeployErrors.ApprovalRejected), P(s => s.ApprovalFailure.Cause)))
            .When(Condition.IsPresent(P(s => s.Failure)), fromError)
            .When(Condition.And(Condition.IsPresent(P(s => s.Verdict)), Condition.StringEquals(P(s => s.Verdict.Status), nameof(HealthStatus.Unhealthy))),
                Because("HealthCheckFailed", new(reason, DeployErrors.HealthCheckFailed), reasons))
            .Otherwise(Because("DeploymentTimedOut", new(reason, DeployErrors.DeploymentTimedOut), reasons));
    }

    /// <summary>The cleanup once traffic is safe: notify, revert and scale down the failed color, record, release, fail <c>Deploy.RolledBack</c>.</summary>
    private static IChainable Cleanup(Construct scope, FlowContext context)
    {
        var notify = Notifications.Publish(scope, FlowStateNames.Deploy.NotifyRolledBack, context, "RolledBack", "Deployment rolled back", P(s => s.Rollback));
        var release = ReleaseLock(scope, "ReleaseLockAfterRollback", context);
        var record = Update(scope, "RecordRolledBack", context, new StateUpdate("SET #s = :s, finishedAt = :at, reason = :r, durationSeconds = :d",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":s"] = DynamoAttributeValue.FromString("RolledBack"),
                [":at"] = Str(StatePath.Context(c => c.State.EnteredTime)),
                [":r"] = Str(P(s => s.Rollback.Reason)),
                [":d"] = Num(P(s => s.Duration.Seconds)),
            })
        {
            Key = RecordKey(context),
            Names = new() { ["#s"] = "status" },
        });
        var metrics = FlowSteps.PutMetrics(scope, "CountRolledBack", context,
            ("DeploymentsRolledBack", 1, "Count"), ("TimeToRollback", P(s => s.Counters.SinceShift), "Seconds"));
        var rolledBack = new Fail(scope, "RolledBack", new FailProps
        {
            Error = DeployErrors.RolledBack,
            CausePath = "States.Format('Rolled back: 100% of traffic is on {} again. Reason: {} ({})', "
                + $"{P(s => s.Colors.Live)}, {P(s => s.Rollback.Reason)}, {P(s => s.Rollback.Detail)})",
        });

        // The recorded duration: the last verdict's measure, taken before the rollback, and the counted waits are both lower
        // bounds of the time the deployment took; the larger is the better one (a failure before any probe has only the count).
        var measured = P(s => s.Verdict.ElapsedSeconds);
        var clock = P(s => s.Counters.Clock);
        Pass RecordedDuration(string id, string path) => new(scope, id, new PassProps
        {
            Parameters = new Dictionary<string, object> { [StatePath.Name<RecordedDuration>(d => d.Seconds) + ".$"] = path },
            ResultPath = P(s => s.Duration),
        });
        var duration = new Choice(scope, "MeasuredDurationKnown")
            .When(Condition.And(Condition.IsPresent(measured), Condition.IsNumeric(measured), Condition.NumberGreaterThanJsonPath(measured, clock)),
                RecordedDuration("DurationFromLastVerdict", measured).Next(release))
            .Otherwise(RecordedDuration("DurationFromCountedWaits", clock).Next(release));

        // Counters may be missing when the failure came before the health polls started.
        var ensureCounters = new Choice(scope, "HasCounters")
            .When(Condition.IsPresent(P(s => s.Counters)), duration)
            .Otherwise(CounterUpdate.Pass(scope, "ZeroCounters", new CounterChanges
            {
                Clock = CounterChange.Set(0),
                SinceShift = CounterChange.Set(0),
                Polls = CounterChange.Set(0),
            }).Next(duration));
        var cleanupFailed = Outcome(scope, "CleanupFailed", null, P(s => s.CleanupFailure.Error), P(s => s.CleanupFailure.Cause)).Next(ensureCounters);
        release.Next(record).Next(metrics).Next(rolledBack);
        foreach (var step in new State[] { release, record, metrics })
        {
            FlowTasks.CatchAll(step, rolledBack, P(s => s.CleanupFailure));
        }

        // Traffic is already safe here: a failure of the cleanup is reported in the record and the cause, and
        // the execution still ends RolledBack with the lock released.
        var revert = RevertFailedColor.Create(scope, context, new RevertTarget(string.Empty, "ScaleDownFailedColor",
            GroupRef.At(P(s => s.Colors.IdleGroup)),
            new RecordedGroup(P(s => s.IdleGroup.Group.LaunchTemplate.Version), P(s => s.IdleGroup.Group.MinSize),
                P(s => s.IdleGroup.Group.MaxSize), P(s => s.IdleGroup.Group.DesiredCapacity))), cleanupFailed);
        revert.Then(
            refused: Outcome(scope, "RevertRefused", "The group no longer uses the recorded template (Deploy.RevertConflict): leave it as it is.",
                P(s => s.Revert.Error!.Name), P(s => s.Revert.Error!.Cause)).Next(ensureCounters),
            afterScaleDown: ensureCounters);
        return FlowTasks.BestEffort(notify, revert.Start);
    }

    /// <summary>Why the failed color was left as it is, at <c>$.cleanup</c>.</summary>
    private static Pass Outcome(Construct scope, string id, string? comment, string errorPath, string causePath) => new(scope, id, new PassProps
    {
        Comment = comment,
        Parameters = new Dictionary<string, object>
        {
            [StatePath.Name<CleanupOutcome>(o => o.Error) + ".$"] = errorPath,
            [StatePath.Name<CleanupOutcome>(o => o.Cause) + ".$"] = causePath,
        },
        ResultPath = P(s => s.Cleanup),
    });
}
