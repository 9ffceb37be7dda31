using Amazon.CDK;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.DeployPhase;
using static Deploy.Constructs.Internal.StateTable;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The traffic shift: the request's traffic plan one step at a time — each step checked against the rollback signal,
/// written (ModifyRule), read back, then waited (the canary bake or the linear interval) and probed; after the last step,
/// <c>next</c>. Any failure, an Unhealthy verdict or a rollback signal rolls back.
/// </summary>
internal static class TrafficShiftPhase
{
    public static IChainable Build(DeployPhase phase, Func<IChainable> next)
    {
        var (scope, context, fleet, config) = (phase.Scope, phase.Context, phase.Fleet, phase.Config);
        var init = new Pass(scope, "StartTrafficShift", new PassProps
        {
            Comment = FlowPhases.Tag(FlowPhases.Traffic, "The request's traffic plan, one step at a time."),
            Parameters = new Dictionary<string, object> { [StatePath.Name<ShiftProgress>(p => p.Index)] = 0 },
            ResultPath = P(s => s.Shift),
        });
        var current = new Pass(scope, "NextTrafficStep", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                [StatePath.Name<ShiftProgress>(p => p.Index) + ".$"] = P(s => s.Shift.Index),
                [StatePath.Name<ShiftProgress>(p => p.Step) + ".$"] =
                    $"States.ArrayGetItem({P(s => s.Validation.Request!.TrafficPlan)}, {P(s => s.Shift.Index)})",
                // The metric window of the health probes after traffic starts here (read, not computed with).
                [StatePath.Name<ShiftProgress>(p => p.At) + ".$"] = StatePath.Context(c => c.State.EnteredTime),
            },
            ResultPath = P(s => s.Shift),
        });

        var read = RuleWeights.Read(scope, "ReadShiftedWeights", fleet, P(s => s.Weights));
        phase.CatchRollback(read);
        var newWeight = P(s => s.Shift.Step.NewWeight);
        var oldWeight = P(s => s.Shift.Step.OldWeight);
        IChainable Shift(FleetColor idle)
        {
            var set = RuleWeights.SetFromPaths(scope, $"{FlowStateNames.Prefixes.ShiftTrafficTo}{idle}", fleet,
                idle == FleetColor.Blue ? newWeight : oldWeight, idle == FleetColor.Blue ? oldWeight : newWeight);
            phase.CatchRollback(set);
            return set.Next(read);
        }

        var notApplied = phase.Marker(FlowStateNames.Deploy.MarkWeightsNotApplied, DeployErrors.WeightsNotApplied,
            "The listener rule read back after ModifyRule does not show the weights written.");
        var publish = FlowSteps.PutMetrics(scope, "PublishTrafficWeights", context, new object[]
        {
            FlowSteps.Datum(context, "TrafficWeight", newWeight, "Percent", P(s => s.Colors.Idle)),
            FlowSteps.Datum(context, "TrafficWeight", oldWeight, "Percent", P(s => s.Colors.Live)),
        });
        var notify = Notifications.Publish(scope, "NotifyTrafficShifted", context, "TrafficShifted", "Traffic shifted", P(s => s.Shift));

        var canaryBake = new Wait(scope, "CanaryBake", new WaitProps { Time = WaitTime.Duration(config.BakeTime) });
        var linearInterval = new Wait(scope, "LinearInterval", new WaitProps { Time = WaitTime.Duration(config.LinearInterval) });
        var stepWait = new Choice(scope, "StepIntervalByStrategy")
            .When(Condition.StringEquals(P(s => s.Validation.Request!.Strategy), nameof(DeploymentStrategy.Canary)), canaryBake)
            .Otherwise(linearInterval);
        var stepProbe = FlowSteps.Probe(scope, "ProbeBetweenSteps", context, P(s => s.Colors.Idle), HealthProbeRequest.AfterTraffic, P(s => s.Verdict));
        phase.CatchRollback(stepProbe);
        var advance = new Pass(scope, "AdvanceTrafficStep", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                [StatePath.Name<ShiftProgress>(p => p.Index) + ".$"] = $"States.MathAdd({P(s => s.Shift.Index)}, 1)",
                [StatePath.Name<ShiftProgress>(p => p.At) + ".$"] = P(s => s.Shift.At),
            },
            ResultPath = P(s => s.Shift),
        });
        // The waits between steps count toward the duration and the time since the first shift, as the bake's do.
        Pass CountStepWait(string id, Duration wait) => CounterUpdate.Pass(scope, id, new CounterChanges
        {
            Clock = CounterChange.By(Secs(wait)),
            SinceShift = CounterChange.By(Secs(wait)),
            Polls = CounterChange.Keep,
        });
        canaryBake.Next(CountStepWait("CountCanaryBake", config.BakeTime)).Next(stepProbe);
        linearInterval.Next(CountStepWait("CountLinearInterval", config.LinearInterval)).Next(stepProbe);

        stepProbe.Next(new Choice(scope, "HealthyBetweenSteps")
            .When(Condition.StringEquals(P(s => s.Verdict.Status), nameof(HealthStatus.Healthy)), advance)
            .Otherwise(phase.Rollback));
        advance.Next(current);

        var isLast = new Choice(scope, "LastTrafficStep")
            .When(Condition.BooleanEquals(P(s => s.Shift.Step.Last), true), next())
            .Otherwise(stepWait);

        // A rollback signalled meanwhile (the Rollback flow sets it on the state item when it restores traffic) is never
        // undone: checked before every step (a conditional write, so no step starts after the signal) and again after it
        // (a consistent read, for a signal that landed while the step was being applied).
        var rollbackRequested = phase.Marker("MarkRollbackRequested", DeployErrors.RollbackRequested,
            "A rollback (the alarm rule or an operator, through the Rollback state machine) was signalled during the deployment; traffic goes back to the live color.");
        var confirm = ReadState(scope, "ConfirmNoRollbackSignal", context, P(s => s.Signal));
        phase.CatchRollback(confirm);
        confirm.Next(new Choice(scope, "RollbackSignalledDuringStep")
            .When(Condition.IsPresent(P(s => s.Signal.Item.RollbackRequestedBy.S)), rollbackRequested)
            .Otherwise(FlowTasks.BestEffort(publish, FlowTasks.BestEffort(notify, isLast))));

        var idle = P(s => s.Colors.Idle);
        read.Next(new Choice(scope, "TrafficShiftApplied")
            .When(Condition.Or(
                Condition.And(Is(idle, FleetColor.Blue), RuleWeights.HasWeight(P(s => s.Weights), fleet, FleetColor.Blue, newWeight)),
                Condition.And(Is(idle, FleetColor.Green), RuleWeights.HasWeight(P(s => s.Weights), fleet, FleetColor.Green, newWeight))),
                confirm)
            .Otherwise(notApplied));

        var check = Update(scope, "CheckNoRollbackSignal", context, new StateUpdate($"SET {TrafficStepMarker} = :i",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":i"] = Num(P(s => s.Shift.Index)),
                [":me"] = ExecutionId(),
            })
        {
            Condition = $"lockedBy = :me AND attribute_not_exists({RollbackSignal})",
        });
        check.AddCatch(rollbackRequested, new CatchProps { Errors = new[] { LockHeldError }, ResultPath = P(s => s.SignalCheck) });
        phase.CatchRollback(check);

        return init.Next(current).Next(check).Next(new Choice(scope, "ShiftWhichColor")
            .When(Is(idle, FleetColor.Blue), Shift(FleetColor.Blue))
            .Otherwise(Shift(FleetColor.Green)));
    }
}
