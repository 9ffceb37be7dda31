using Amazon.CDK;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.DeployPhase;
using static Deploy.Constructs.Internal.StateTable;
using Timeout = Amazon.CDK.AWS.StepFunctions.Timeout;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The finalize: the new color checked to still have all the traffic, recorded live (releasing the lock), the
/// deployment record, metrics and notification written, and the retire of the previous color scheduled.
/// </summary>
/// <remarks>The duration a success records and publishes (<c>DeploymentDuration</c>) is measured: the last bake probe's
/// <c>$.verdict.elapsedSeconds</c>, which the HealthCheck handler computes from this execution's start.</remarks>
internal static class FinalizePhase
{
    public static IChainable Build(DeployPhase phase)
    {
        var (scope, context, fleet) = (phase.Scope, phase.Context, phase.Fleet);
        var read = RuleWeights.Read(scope, "ReadFinalWeights", fleet, P(s => s.Weights),
            comment: FlowPhases.Tag(FlowPhases.Finalize, "Checks the new color still has the traffic, then records it live."));
        phase.CatchRollback(read);
        var moved = phase.Marker(FlowStateNames.Deploy.MarkTrafficMovedBack, DeployErrors.WeightsNotApplied,
            "Traffic was moved off the new color during the bake (by the Rollback state machine or an operator).");

        var recordState = ReleaseLock(scope, FlowStateNames.Deploy.RecordNewLiveColor, context,
            "liveColor = :new, liveVersion = :version, liveLaunchTemplateVersion = :lt, previousColor = :old, previousLaunchTemplateVersion = :oldLt, " +
            "previousWarm = :warm, revertGroup = :group, revertLaunchTemplateVersion = :revertLt, revertMinSize = :min, revertMaxSize = :max, " +
            "revertDesiredCapacity = :desired, lastExecution = :me",
            WithIdleGroupRevert(new Dictionary<string, DynamoAttributeValue>
            {
                [":new"] = Str(P(s => s.Colors.Idle)),
                [":version"] = Str(P(s => s.Validation.Request!.Version)),
                [":lt"] = Num(P(s => s.NewVersion.Number)),
                [":old"] = Str(P(s => s.Colors.Live)),
                [":oldLt"] = Str(P(s => s.LiveGroup.Group.LaunchTemplate.Version)),
                [":warm"] = DynamoAttributeValue.FromBoolean(true),
            }));
        phase.CatchRollback(recordState);

        var measured = P(s => s.Verdict.ElapsedSeconds);
        var outcome = Update(scope, "RecordSucceeded", context, new StateUpdate("SET #s = :s, finishedAt = :at, durationSeconds = :d",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":s"] = DynamoAttributeValue.FromString("Succeeded"),
                [":at"] = Str(StatePath.Context(c => c.State.EnteredTime)),
                // Measured by the last bake probe (every success runs at least one): the approval's wait included.
                [":d"] = Num(measured),
            })
        {
            Key = RecordKey(context),
            Names = new() { ["#s"] = "status" },
        });

        var metrics = FlowSteps.PutMetrics(scope, "CountSucceeded", context,
            ("DeploymentsSucceeded", 1, "Count"), ("DeploymentDuration", measured, "Seconds"));
        var notify = Notifications.Publish(scope, "NotifySucceeded", context, "DeploymentSucceeded", "Deployment succeeded", P(s => s.Validation.Request));
        var retire = ScheduleRetire(phase);

        // After the new live color is recorded, the deployment has succeeded: later bookkeeping failures are
        // reported, never rolled back.
        var bookkeepingFailed = FlowTasks.BestEffort(
            Notifications.Publish(scope, "NotifySucceededWithWarnings", context, "DeploymentSucceeded", "Deployment succeeded (bookkeeping failed)", P(s => s.Failure)),
            new Succeed(scope, "DeployedWithWarnings"));
        foreach (var step in new State[] { outcome, metrics, notify, retire })
        {
            FlowTasks.CatchAll(step, bookkeepingFailed, P(s => s.Failure));
        }

        var done = recordState.Next(outcome).Next(metrics).Next(notify).Next(retire).Next(new Succeed(scope, "Deployed"));
        read.Next(phase.ColorHasWeight("NewColorStillLive", P(s => s.Colors.Idle), P(s => s.Weights), 100, done, moved));
        return read;
    }

    /// <summary>
    /// The revert of the idle group to what it ran before this deployment (<c>revertGroup</c>, <c>revertLaunchTemplateVersion</c>,
    /// <c>revertMinSize</c>, <c>revertMaxSize</c>, <c>revertDesiredCapacity</c>), as the values of <c>:group</c>,
    /// <c>:revertLt</c>, <c>:min</c>, <c>:max</c> and <c>:desired</c> added after <paramref name="values"/>: the success and the
    /// failed rollback record it.
    /// </summary>
    public static Dictionary<string, DynamoAttributeValue> WithIdleGroupRevert(Dictionary<string, DynamoAttributeValue> values)
    {
        values[":group"] = Str(P(s => s.Colors.IdleGroup));
        values[":revertLt"] = Str(P(s => s.IdleGroup.Group.LaunchTemplate.Version));
        values[":min"] = Num(P(s => s.IdleGroup.Group.MinSize));
        values[":max"] = Num(P(s => s.IdleGroup.Group.MaxSize));
        values[":desired"] = Num(P(s => s.IdleGroup.Group.DesiredCapacity));
        return values;
    }

    /// <summary>Starts the retire of the previous color (a separate execution of this state machine, without the lock).</summary>
    private static StepFunctionsStartExecution ScheduleRetire(DeployPhase phase)
    {
        var (scope, context) = (phase.Scope, phase.Context);
        var stack = Stack.Of(phase.Fleet);
        // The Deploy state machine's own ARN, built from its name (a reference to the resource would be circular).
        var self = Amazon.CDK.AWS.StepFunctions.StateMachine.FromStateMachineArn(scope, "DeployStateMachineByName",
            $"arn:{stack.Partition}:states:{stack.Region}:{stack.Account}:stateMachine:{context.DeployStateMachineName}");
        var retire = new StepFunctionsStartExecution(scope, "ScheduleRetirePrevious", new StepFunctionsStartExecutionProps
        {
            StateMachine = self,
            IntegrationPattern = IntegrationPattern.REQUEST_RESPONSE,
            Input = TaskInput.FromObject(new Dictionary<string, object>
            {
                [StatePath.Name<DeployState>(s => s.RetirePrevious)] = new Dictionary<string, object>
                {
                    [StatePath.Name<RetireRequest>(r => r.Color) + ".$"] = P(s => s.Colors.Live),
                    [StatePath.Name<RetireRequest>(r => r.Group) + ".$"] = P(s => s.Colors.LiveGroup),
                    [StatePath.Name<RetireRequest>(r => r.NewLiveColor) + ".$"] = P(s => s.Colors.Idle),
                    [StatePath.Name<RetireRequest>(r => r.Deployment) + ".$"] = StatePath.Context(c => c.Execution.Id),
                },
            }),
            ResultPath = JsonPath.DISCARD,
            TaskTimeout = Timeout.Duration(FlowTasks.TaskTimeout),
            Comment = $"Keeps the previous color warm for {Secs(phase.Config.RetainPreviousFor)} s in a separate execution, without the lock.",
        });
        return FlowTasks.WithRetries(retire, "states");
    }
}
