using System.Linq.Expressions;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.StateTable;

namespace Deploy.Constructs.Internal;

/// <summary>The Rollback flow's restores: the first action after the decision, the deployment stopped and signalled, a failed restore.</summary>
internal sealed partial class RollbackFlow
{
    private IChainable Restore(FleetColor color, bool duringDeployment)
    {
        var suffix = $"{color}{(duringDeployment ? "DuringDeployment" : string.Empty)}";
        var failed = BuildRestoreFailed(suffix, duringDeployment);
        var next = duringDeployment ? BuildSignal(color) : AfterRestore(color).TakeLock;
        return RuleWeights.RestoreVerified(_scope, suffix, _fleet, color,
            $"100% back on {FlowContext.Name(color)}: the first action after the decision.", next, failed);
    }

    /// <summary>Whether the lock holder is an execution of the Deploy state machine (not a Recovery or a Rollback's cleanup).</summary>
    private Condition DeploymentHoldsLock =>
        Condition.StringMatches(P(s => s.State.Item.LockedBy.S), $"*:execution:{_context.DeployStateMachineName}:*");

    /// <summary>
    /// During a deployment the deployment is stopped first (StopExecution of the lock holder, when it is a Deploy execution),
    /// then traffic is restored: a stopped execution acts no more (Step Functions API reference, StopExecution), so no traffic
    /// step of the deployment can land after the restore and undo it. Its end (ABORTED) starts the Recovery state machine,
    /// which scales the unverified color in, releases the lock and notifies once. A stop that fails (the deployment ended
    /// meanwhile) changes nothing: the restore follows either way.
    /// </summary>
    private State StopDeployment(FleetColor color, IChainable restore)
    {
        var executions = FlowSteps.ExecutionsOf(_scope, _context.DeployStateMachineName);
        var stop = FlowTasks.Aws(_scope, $"StopDeployment{color}", new AwsCall("sfn", "stopExecution", "states:StopExecution", new[] { executions },
            new Dictionary<string, object>
            {
                ["ExecutionArn.$"] = P(s => s.State.Item.LockedBy.S),
                ["Error"] = DeployErrors.RollbackRequested,
                ["Cause.$"] = $"States.Format('Rollback requested ({{}}: {{}}); stopped by {{}}, which puts 100% of traffic back on the live color.', {P(s => s.Trigger)}, {P(s => s.Reason)}, {StatePath.Context(c => c.Execution.Id)})",
            })
        {
            ResultPath = JsonPath.DISCARD,
            Comment = "No traffic step of the deployment can land after the restore.",
        });
        stop.AddCatch(restore, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = P(s => s.StopFailure) });
        stop.Next(restore);
        return stop;
    }


    /// <summary>
    /// After traffic is back during a deployment: tell the deployment (the state item's rollback signal), which then never
    /// moves traffic to the new color again, rolls back and notifies — the failure is handled once. Set after the restore,
    /// so the weights come first; the deployment checks the signal before and after each traffic step.
    /// </summary>
    private IChainable BuildSignal(FleetColor color)
    {
        var handedOver = new Succeed(_scope, $"HandedToDeployment{color}", new SucceedProps
        {
            Comment = "The running deployment sees the rollback signal (and the weights moved back), rolls back and notifies: handled once.",
        });
        var signal = SignalHolder($"SignalRollbackToDeployment{color}");
        // The lock was released or changed hands meanwhile (the deployment ended, its Recovery took over): nothing to tell;
        // traffic is restored either way.
        signal.AddCatch(handedOver, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = P(s => s.SignalFailure) });
        return signal.Next(handedOver);
    }


    /// <summary>
    /// A restore that failed: during a deployment the rollback signal is still set (a holder the stop did not end then never
    /// moves traffic to the new color again and rolls back itself; a stopped one has its Recovery); after one, <see cref="RollbackFailedMarker"/> is recorded so the retire step
    /// keeps the warm previous color for the next rollback. Both best effort; then notify and fail <c>Deploy.RollbackFailed</c>.
    /// </summary>
    private IChainable BuildRestoreFailed(string suffix, bool duringDeployment)
    {
        var fail = FlowTasks.BestEffort(
            Notifications.Publish(_scope, $"NotifyRollbackFailed{suffix}", _context, "RollbackFailed", "Rollback FAILED: traffic not restored", P(s => s.Failure)),
            new Fail(_scope, $"RollbackFailed{suffix}", new FailProps
            {
                Error = DeployErrors.RollbackFailed,
                CausePath = $"States.Format('The listener rule could not be restored: {{}}: {{}}. Traffic may still be on the failed color: act now.', {P(s => s.Failure.Error)}, {P(s => s.Failure.Cause)})",
            }));
        var me = new Dictionary<string, DynamoAttributeValue>
        {
            [":me"] = ExecutionId(),
        };
        var mark = duringDeployment
            ? SignalHolder($"SignalFailedRollback{suffix}")
            : Update(_scope, $"MarkRollbackFailed{suffix}", _context, new StateUpdate($"SET {RollbackFailedMarker} = :me", me));
        return FlowTasks.BestEffort(mark, fail);
    }

    /// <summary>
    /// Sets the rollback signal on the lock of the holder this execution read, only while that holder still has it: once a
    /// stopped deployment's Recovery released the lock, a deployment that took it since must not roll back for a request
    /// made before it started. The holder's ARN is on every path that gets here (the decision required the lock), so the
    /// write never fails on a missing input field.
    /// </summary>
    private DynamoUpdateItem SignalHolder(string id) =>
        Update(_scope, id, _context, new StateUpdate($"SET {RollbackSignal} = :me", new Dictionary<string, DynamoAttributeValue>
        {
            [":me"] = ExecutionId(),
            [":holder"] = Str(P(s => s.State.Item.LockedBy.S)),
        })
        {
            Condition = "lockedBy = :holder",
        });
}
