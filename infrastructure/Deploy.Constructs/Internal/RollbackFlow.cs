using System.Linq.Expressions;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.StateTable;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The Rollback flow (a Standard state machine), started by the alarm rule or by an operator.
/// One read of the state item, one Choice that decides, one ModifyRule that restores: no Lambda, and the
/// weights are back one state after the decision (two during a deployment, which is stopped first) — whenever the record
/// vouches for the color it restores (the live color during a deployment, a warm previous color after one). A color the
/// record cannot vouch for as warm is verified first (see the remarks).
/// </summary>
/// <remarks>
/// <para>Input: a <see cref="RollbackRequest"/>, from the alarm rule or an operator.</para>
/// <para>Decision, from the state item (lock, live and previous colors, whether the previous is warm):</para>
/// <list type="bullet">
/// <item>A Deploy execution holds the lock and the alarm is the new (deploying) color's before its first traffic step (the
/// state item has no <c>shiftIndex</c> yet): the color takes no traffic, and while its instances boot their targets fail
/// their first health checks, so its HealthyHosts alarm may enter ALARM on every deployment of a slow-starting application.
/// Nothing to restore and nothing to stop: succeed with <c>restored: false</c>; the deployment's health polls decide. (A
/// stop would abort every such deployment; the probe before traffic ignores the alarm for the same reason.)</item>
/// <item>A deployment holds the lock and the alarm is the new (not yet recorded live) color's once its first traffic step
/// has begun (or the holder is not a Deploy execution), or an operator asks: stop the deployment (StopExecution, error <c>Deploy.RollbackRequested</c>: none of its traffic steps can land
/// after the restore), put 100 % back on the recorded live color and signal it on the state item; the stopped
/// deployment's Recovery scales the new color in, releases the lock and notifies once (<c>DeploymentAborted</c>). When the
/// lock holder is not a Deploy execution, the restore and the signal only.</item>
/// <item>No deployment running, the alarm is the live color's (or an operator asks) and the previous color is
/// warm: 100 % to the previous color, notify, revert and scale down the failed color, record, and fail with
/// <c>Deploy.RolledBack</c>.</item>
/// <item>No deployment running, the previous color not warm, and the alarm is the other color's — the one a failed
/// rollback left the traffic on — (or an operator asks): the rule's weights decide. When they are off the recorded live color — a failed rollback left traffic
/// on the failed color, or split — the recorded live color (the last verified one) is restored if it still serves: this
/// execution takes the lock, its group is pinned to the recorded launch-template version (<c>liveLaunchTemplateVersion</c>,
/// else the group's own), at least one instance is InService and Healthy on that version and none InService on another,
/// and a HealthProbe before traffic is Healthy. Then 100 % goes back to it (read back), the failed color is reverted
/// (when the record holds its revert) and scaled in, and the record says the restored color is live with nothing warm
/// behind it — the same cleanup as after a warm restore.</item>
/// <item>Anything else (the previous color was retired, the alarm is the idle color's, nothing recorded, traffic already all
/// on the live color, or the color to restore failed a check): no flip to a cold or unverified fleet — notify and record,
/// and succeed with <c>restored: false</c> and the reason. A check that fails for good (the recorded live color's group has
/// no instance, or its probe says Unhealthy) also removes <c>liveColor</c> (and its versions) from the record: no color is
/// known to serve, and a deployment then goes by the weights instead of refusing (<c>Deploy.TrafficOnUnverifiedColor</c>).</item>
/// </list>
/// <para>After a warm restore the record drops <c>liveVersion</c> and <c>liveLaunchTemplateVersion</c>: they were the failed
/// color's, and a later verified restore of the restored color checks it against its group's own version instead.</para>
/// <para>A restore that fails (ModifyRule refused, or the rule read back not at 100 %) ends <c>Deploy.RollbackFailed</c>,
/// notified. After a deployment it records <c>rollbackFailedBy</c>, so the retire step keeps the warm previous color for
/// the operator's next rollback. During one, a Deploy holder was stopped before the restore, and its Recovery puts
/// traffic back on the recorded live color; the rollback signal is still set, for a holder the stop did not end (the stop
/// failed, or the holder is not a Deploy execution), which then never moves traffic to the new color again.</para>
/// </remarks>
internal sealed partial class RollbackFlow
{
    private readonly Construct _scope;
    private readonly FlowContext _context;
    private readonly BlueGreenFleet _fleet;
    private readonly Dictionary<FleetColor, (IChainable TakeLock, IChainable LockHeld)> _afterRestore = new();

    private RollbackFlow(Construct scope, FlowContext context)
    {
        _scope = scope;
        _context = context;
        _fleet = context.Fleet;
    }

    public static IChainable Build(Construct scope, FlowContext context) => new RollbackFlow(scope, context).Start();

    private static Condition Is(string path, string value) => Condition.And(Condition.IsPresent(path), Condition.StringEquals(path, value));

    /// <summary>The path of a field of the Rollback execution's data.</summary>
    private static string P(Expression<Func<RollbackState, object?>> member) => RollbackState.Path(member);

    private IChainable Start()
    {
        var read = ReadState(_scope, "ReadState", _context, P(s => s.State));
        var notRestored = BuildNotRestored();
        read.AddCatch(notRestored, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = P(s => s.Failure) });

        var locked = Condition.IsPresent(P(s => s.State.Item.LockedBy.S));
        var operatorAsks = Is(P(s => s.Trigger), "operator");
        var previousWarm = Condition.And(Condition.IsPresent(P(s => s.State.Item.PreviousWarm.BOOL)), Condition.BooleanEquals(P(s => s.State.Item.PreviousWarm.BOOL), true));

        var trafficReached = Condition.IsPresent(P(s => s.State.Item.ShiftIndex.N));
        var decide = new Choice(_scope, "DecideRollback", new ChoiceProps { Comment = "Detection: the one decision before the weights are restored." });
        foreach (var color in new[] { FleetColor.Blue, FleetColor.Green })
        {
            var name = FlowContext.Name(color);
            var other = FlowContext.Other(color);

            // During a deployment: the deployment is stopped (so none of its traffic steps can land after the restore), the
            // live color (still the recorded one) is restored, and the deployment's Recovery finishes the job. When the lock
            // is not a deployment's (a Recovery's, a Rollback's cleanup), the restore and the signal only.
            // An alarm of the deploying color stops a Deploy holder only once traffic may reach that color (its first traffic
            // step has begun): before that the color boots — targets fail their first health checks while the application
            // starts, so its HealthyHosts alarm may well enter ALARM — and the deployment's own health checks decide.
            var alarmActs = Condition.And(Is(P(s => s.AlarmName), _context.CompositeName(other)),
                Condition.Or(Condition.Not(DeploymentHoldsLock), trafficReached));
            var duringDeployment = Condition.And(locked, Is(P(s => s.State.Item.LiveColor.S), name), Condition.Or(operatorAsks, alarmActs));
            var restoreLive = Restore(color, duringDeployment: true);
            decide.When(Condition.And(duringDeployment, DeploymentHoldsLock), StopDeployment(color, restoreLive));
            decide.When(duringDeployment, restoreLive);

            // After a deployment: the previous color, still warm, takes the traffic back from the failed live one.
            decide.When(Condition.And(Condition.Not(locked), previousWarm, Is(P(s => s.State.Item.PreviousColor.S), name),
                    Is(P(s => s.State.Item.LiveColor.S), FlowContext.Name(other)),
                    Condition.Or(operatorAsks, Is(P(s => s.AlarmName), _context.CompositeName(other)))),
                Restore(color, duringDeployment: false));
        }

        foreach (var color in new[] { FleetColor.Blue, FleetColor.Green })
        {
            // After a failed rollback (or anything that left the weights off the record): the weights decide, and the
            // recorded live color is restored only once it is verified.
            decide.When(Condition.And(Condition.Not(locked), Condition.Not(previousWarm), Is(P(s => s.State.Item.LiveColor.S), FlowContext.Name(color)),
                    Condition.Or(operatorAsks, Is(P(s => s.AlarmName), _context.CompositeName(FlowContext.Other(color))))),
                RestoreLastVerified(color, notRestored));
        }

        // The deploying color's alarm before any traffic step: nothing to restore (all traffic is on the live color) and nothing
        // to stop; recorded in this execution's output only (the composite alarm's own actions report its state changes).
        var deployingAlarm = Condition.Or(
            Condition.And(Is(P(s => s.State.Item.LiveColor.S), "blue"), Is(P(s => s.AlarmName), _context.CompositeName(FleetColor.Green))),
            Condition.And(Is(P(s => s.State.Item.LiveColor.S), "green"), Is(P(s => s.AlarmName), _context.CompositeName(FleetColor.Blue))));
        decide.When(Condition.And(locked, DeploymentHoldsLock, Condition.Not(trafficReached), Is(P(s => s.Trigger), RollbackRequest.Alarm), deployingAlarm),
            new Pass(_scope, "DeployingColorTakesNoTraffic", new PassProps
            {
                Parameters = new Dictionary<string, object>
                {
                    ["restored"] = false,
                    ["reason"] = "The alarm is the deploying color's, which takes no traffic yet (its first traffic step has not begun): "
                        + "nothing to restore, and the deployment's own health checks decide whether it goes on.",
                    ["alarmName.$"] = P(s => s.AlarmName),
                    ["deployment.$"] = P(s => s.State.Item.LockedBy.S),
                },
            }).Next(new Succeed(_scope, "LeftToDeployment")));

        return read.Next(decide.Otherwise(notRestored));
    }
}
