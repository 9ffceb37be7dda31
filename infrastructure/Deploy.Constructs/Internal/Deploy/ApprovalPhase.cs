using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.DeployPhase;
using Timeout = Amazon.CDK.AWS.StepFunctions.Timeout;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The approval, where the environment requires one: a task-token notification, approved or rejected by the CLI (a
/// rejection or timeout rolls back); then the new color probed again, and <c>next</c> only on a verdict taken now.
/// </summary>
internal static class ApprovalPhase
{
    public static IChainable Build(DeployPhase phase, Func<IChainable> next)
    {
        var (scope, context, config) = (phase.Scope, phase.Context, phase.Config);
        var approval = new SnsPublish(scope, FlowStateNames.Deploy.AwaitApproval, new SnsPublishProps
        {
            Comment = FlowPhases.Tag(FlowPhases.Approval, $"Waits at most {Secs(config.ApprovalTimeout)} s for approve or reject."),
            Topic = context.Topic,
            IntegrationPattern = IntegrationPattern.WAIT_FOR_TASK_TOKEN,
            Subject = Notifications.Subject(context, "Deployment awaiting approval"),
            Message = TaskInput.FromObject(new Dictionary<string, object>(Notifications.Body(context, "AwaitingApproval"))
            {
                [Notifications.Field(m => m.TaskToken)] = JsonPath.TaskToken,
                [Notifications.Field(m => m.Version) + ".$"] = P(s => s.Validation.Request!.Version),
                [Notifications.Field(m => m.Color) + ".$"] = P(s => s.Colors.Idle),
                [Notifications.Field(m => m.Verdict) + ".$"] = P(s => s.Verdict),
            }),
            ResultPath = P(s => s.Approval),
            // A timeout counts as a rejection (States.Timeout is caught and rolls back).
            TaskTimeout = Timeout.Duration(config.ApprovalTimeout),
        });
        // A throttled or failed publish is retried (a new token each time); the approval timeout (States.Timeout) is a
        // rejection, never retried.
        approval.AddRetry(FlowTasks.Backoff(ServiceErrors.Transient("sns").Where(e => e != ServiceErrors.TaskTimeout).ToArray(), maxAttempts: 4));
        // Rejected (the CLI's SendTaskFailure) or timed out: an approval outcome. Anything else (the publish kept failing)
        // is a failure with its own name, never recorded as a rejection.
        approval.AddCatch(phase.Rollback, new CatchProps
        {
            Errors = new[] { DeployErrors.ApprovalRejected, ServiceErrors.TaskTimeout },
            ResultPath = P(s => s.ApprovalFailure),
        });
        phase.CatchRollback(approval);

        // The verdict that asked for approval may be an hour old: traffic moves only on a verdict taken now.
        var probe = FlowSteps.Probe(scope, "ProbeAfterApproval", context, P(s => s.Colors.Idle), HealthProbeRequest.BeforeTraffic, P(s => s.Verdict));
        phase.CatchRollback(probe);
        var notHealthy = phase.Marker("MarkNotHealthyAfterApproval", DeployErrors.HealthCheckFailed,
            "The new color was no longer Healthy when the approval arrived; no traffic was moved.");
        var status = P(s => s.Verdict.Status);
        return approval.Next(probe).Next(new Choice(scope, "StillHealthyAfterApproval")
            .When(Condition.StringEquals(status, nameof(HealthStatus.Healthy)), next())
            .When(Condition.StringEquals(status, nameof(HealthStatus.Unhealthy)), phase.Rollback)
            .Otherwise(notHealthy));
    }
}
