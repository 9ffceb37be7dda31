using Amazon.CDK.AWS.StepFunctions;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.DeployPhase;
using static Deploy.Constructs.Internal.StateTable;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The deployment's admission: the request validated (defaults applied), the lock taken, the start notified and counted;
/// then <c>next</c>. An invalid request is rejected and a held lock refuses the deployment — both before anything changed.
/// </summary>
internal static class AdmissionPhase
{
    private static string Input(System.Linq.Expressions.Expression<Func<ValidateRequestInput, object?>> member) => StatePath.Name(member);

    public static IChainable Build(DeployPhase phase, Func<IChainable> next)
    {
        var (scope, context, config) = (phase.Scope, phase.Context, phase.Config);
        var validate = FlowTasks.Decide(scope, "ValidateRequest", context.ValidateRequest, new Dictionary<string, object>
        {
            [Input(i => i.Request) + ".$"] = StatePath.Root,
            [Input(i => i.Defaults)] = new Dictionary<string, object>
            {
                [StatePath.Name<RequestDefaults>(d => d.Strategy)] = config.DefaultStrategy.ToString(),
                [StatePath.Name<RequestDefaults>(d => d.CanaryPercentage)] = config.CanaryPercentage,
                [StatePath.Name<RequestDefaults>(d => d.LinearStepPercentage)] = config.LinearStepPercentage,
            },
            // The handler turns these into the deployment record's expiresAt (a state machine cannot add to a time).
            [Input(i => i.StartedAt) + ".$"] = StatePath.Context(c => c.Execution.StartTime),
            [Input(i => i.RecordRetentionDays)] = (int)(config.RecordRetention.ToMilliseconds() / 86_400_000),
        }, P(s => s.Validation), FlowPhases.Tag(FlowPhases.Validate, "Checks the request and applies the defaults; nothing is touched."));

        var rejectedFail = new Fail(scope, "RequestRejected", new FailProps
        {
            Comment = "Invalid request: rejected before any resource is touched.",
            ErrorPath = P(s => s.Validation.Error!.Name),
            CausePath = P(s => s.Validation.Error!.Cause),
        });
        var notifyRejected = Notifications.Publish(scope, FlowStateNames.Deploy.NotifyRejected, context, "DeploymentFailed", "Deployment rejected: invalid request",
            P(s => s.Validation.Error));
        notifyRejected.AddCatch(rejectedFail, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = JsonPath.DISCARD });
        var rejected = notifyRejected.Next(rejectedFail);

        phase.CatchBefore(validate);
        var acquire = AcquireLock(scope, FlowStateNames.Deploy.AcquireLock, context, P(s => s.Lock), comment: FlowPhases.Tag(FlowPhases.Lock));
        acquire.AddCatch(Refused(phase), new CatchProps { Errors = new[] { LockHeldError }, ResultPath = P(s => s.LockError) });
        phase.CatchBefore(acquire);

        var countStarted = FlowTasks.BestEffort(FlowSteps.PutMetrics(scope, "CountStarted", context, ("DeploymentsStarted", 1, "Count")), next());
        var started = FlowTasks.BestEffort(
            Notifications.Publish(scope, "NotifyStarted", context, "DeploymentStarted", "Deployment started", P(s => s.Validation.Request)), countStarted);

        return validate.Next(new Choice(scope, "RequestValid")
            .When(Condition.IsNull(P(s => s.Validation.Error)), acquire.Next(started))
            .Otherwise(rejected));
    }

    /// <summary>
    /// Refused: the holder is read back (one consistent GetItem) so the refusal names it; when the read fails or the lock
    /// was released meanwhile, the refusal says so without a name. Nothing is changed either way.
    /// </summary>
    private static IChainable Refused(DeployPhase phase)
    {
        var (scope, context) = (phase.Scope, phase.Context);
        var refusedBy = $"holds the lock of {context.ApplicationName}/{context.EnvironmentName}; nothing was changed. See it with deploy-pipeline status --execution-arn <that ARN>, or deploy-pipeline unlock if it has ended.";
        var inProgressFail = new Fail(scope, "DeploymentInProgress", new FailProps
        {
            Error = DeployErrors.DeploymentInProgress,
            Cause = $"Another execution {refusedBy}",
        });
        var holder = P(s => s.LockHolder.Item.LockedBy.S);
        var heldByFail = new Fail(scope, "DeploymentInProgressHeldBy", new FailProps
        {
            Error = DeployErrors.DeploymentInProgress,
            CausePath = $"States.Format('{{}} {refusedBy}', {holder})",
        });
        var namedHolder = new Choice(scope, "LockHolderKnown")
            .When(Condition.IsPresent(holder), heldByFail)
            .Otherwise(inProgressFail);
        var notifyInProgress = Notifications.Publish(scope, FlowStateNames.Deploy.NotifyInProgress, context, "DeploymentFailed", "Deployment refused: another one is running",
            P(s => s.LockError));
        notifyInProgress.AddCatch(namedHolder, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = JsonPath.DISCARD });
        var readHolder = ReadState(scope, "ReadLockHolder", context, P(s => s.LockHolder),
            comment: FlowPhases.Tag(FlowPhases.Refused, "Another execution holds the lock: read who, to name it."));
        readHolder.AddCatch(inProgressFail, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = JsonPath.DISCARD });
        return readHolder.Next(notifyInProgress).Next(namedHolder);
    }
}
