using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.DeployPhase;

namespace Deploy.Constructs.Internal;

/// <summary>
/// A failure before the idle group is touched: release the lock (if this execution holds it), notify once, fail with the
/// error at <c>$.failure</c>. Each step is best effort: the outcome is the failure, whatever else refuses.
/// </summary>
internal static class FailedPhase
{
    public static IChainable Build(Construct scope, FlowContext context)
    {
        var failed = new Fail(scope, "DeploymentFailed", new FailProps { ErrorPath = P(s => s.Failure.Error), CausePath = P(s => s.Failure.Cause) });
        var countFailed = FlowTasks.BestEffort(FlowSteps.PutMetrics(scope, "CountFailed", context, ("DeploymentsFailed", 1, "Count")), failed);
        var notifyFailed = FlowTasks.BestEffort(
            Notifications.Publish(scope, FlowStateNames.Deploy.NotifyFailed, context, "DeploymentFailed", "Deployment failed", P(s => s.Failure)), countFailed);
        return FlowTasks.BestEffort(
            StateTable.ReleaseLock(scope, "ReleaseLockOnFailure", context, comment: FlowPhases.Tag(FlowPhases.Failed, "A failure before the idle group was touched.")),
            notifyFailed);
    }
}
