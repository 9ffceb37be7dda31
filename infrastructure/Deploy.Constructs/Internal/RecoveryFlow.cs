using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.StateTable;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The Recovery flow (a Standard state machine): started by an EventBridge rule when a Deploy or Rollback execution ends
/// <c>ABORTED</c> (StopExecution), <c>TIMED_OUT</c> (the state machine's timeout) or <c>FAILED</c>, none of which runs the
/// ended execution's Catch paths when it is stopped from outside. It puts back what such an execution may leave behind:
/// the lock held by it, traffic split or on a color that was never verified.
/// </summary>
/// <remarks>
/// <para>Input: the EventBridge event "Step Functions Execution Status Change" (<c>detail.executionArn</c>,
/// <c>detail.stateMachineArn</c>, <c>detail.status</c>; Step Functions user guide, "Automating Step Functions event
/// delivery with EventBridge").</para>
/// <para>Decision, from the state item and the rule's weights:</para>
/// <list type="bullet">
/// <item>Another execution holds the lock: it is running (or its own end starts its own recovery) — nothing is touched.</item>
/// <item>The lock is free and 100 % of traffic is on the recorded live color: nothing is wrong — nothing is written, no
/// message (every failed deployment that cleaned up after itself ends here).</item>
/// <item>Otherwise the recovery puts 100 % on the recorded live color first (one ModifyRule, read back) — or, when the
/// ended execution was a Rollback that had already restored the recorded previous color, keeps that one — then takes
/// the lock over (only from the ended execution, or when free), scales the unverified color in, records the colors (nothing
/// warm behind the live one), releases the lock, marks the ended deployment's record and notifies once:
/// <c>DeploymentAborted</c> for a stopped or timed-out deployment, <c>Recovered</c> otherwise.</item>
/// </list>
/// <para>Idempotent: a second delivery of the same event finds nothing wrong.</para>
/// </remarks>
internal sealed partial class RecoveryFlow
{
    private static readonly string EndedArn = P(s => s.Detail.ExecutionArn);
    private static readonly string EndedStatus = P(s => s.Detail.Status);
    private static readonly string EndedMachine = P(s => s.Detail.StateMachineArn);

    private static string P(System.Linq.Expressions.Expression<Func<RecoveryState, object?>> member) => RecoveryState.Path(member);

    private readonly Construct _scope;
    private readonly FlowContext _context;
    private readonly BlueGreenFleet _fleet;
    private readonly string _deployArn;
    private readonly string _rollbackArn;

    private RecoveryFlow(Construct scope, FlowContext context, string deployArn, string rollbackArn)
    {
        _scope = scope;
        _context = context;
        _fleet = context.Fleet;
        _deployArn = deployArn;
        _rollbackArn = rollbackArn;
    }

    /// <summary>The flow; <paramref name="deployArn"/> and <paramref name="rollbackArn"/> are the machines whose executions it recovers.</summary>
    public static IChainable Build(Construct scope, FlowContext context, string deployArn, string rollbackArn) =>
        new RecoveryFlow(scope, context, deployArn, rollbackArn).Start();

    private static Condition Is(string path, string value) => Condition.And(Condition.IsPresent(path), Condition.StringEquals(path, value));

    private static Condition Live(FleetColor color) => Is(P(s => s.State.Item.LiveColor.S), FlowContext.Name(color));

    private Condition At100(FleetColor color) => RuleWeights.HasWeight(P(s => s.Weights), _fleet, color, 100);

    /// <summary>A Rollback restores the previous color only while it is warm: a previous color that is not (the failed one, after a
    /// failed rollback) is never kept for a restored one.</summary>
    private static Condition PreviousWarm => Condition.And(Condition.IsPresent(P(s => s.State.Item.PreviousWarm.BOOL)),
        Condition.BooleanEquals(P(s => s.State.Item.PreviousWarm.BOOL), true));

    private Condition EndedRollback => Condition.StringEquals(EndedMachine, _rollbackArn);

    private IChainable Start()
    {
        var nothing = new Succeed(_scope, "NothingToRecover", new SucceedProps
        {
            Comment = "A running execution holds the lock, or the lock is free and traffic is all on the recorded live color.",
        });
        var failed = BuildFailed();

        // A deployment stopped before it changed anything (or after another execution took over) leaves nothing behind, but
        // whoever stopped it is still told, once; a failed execution that cleaned up after itself has notified already.
        var stoppedDeployment = Condition.And(Condition.StringEquals(EndedMachine, _deployArn),
            Condition.Or(Condition.StringEquals(EndedStatus, "ABORTED"), Condition.StringEquals(EndedStatus, "TIMED_OUT")));
        var nothingLeft = new Choice(_scope, "NothingLeftBehind")
            .When(stoppedDeployment, FlowTasks.BestEffort(Notifications.Publish(_scope, FlowStateNames.Recovery.NotifyDeploymentAborted + "NothingLeft", _context,
                "DeploymentAborted", "Deployment stopped: nothing was left behind", P(s => s.Detail)), nothing))
            .Otherwise(nothing);

        // Every step up to the restored weights and the released lock retries every error but the permanent ones: the
        // recovery is the last thing that runs after a stopped execution, and nothing retries it.
        var read = ReadState(_scope, "ReadState", _context, P(s => s.State), persistentRetries: true);
        FlowTasks.CatchAll(read, failed, P(s => s.Failure));
        var readWeights = RuleWeights.Read(_scope, "ReadWeights", _fleet, P(s => s.Weights), persistentRetries: true);
        FlowTasks.CatchAll(readWeights, failed, P(s => s.Failure));

        var locked = Condition.IsPresent(P(s => s.State.Item.LockedBy.S));
        var heldByOther = Condition.And(locked, Condition.Not(Condition.StringEqualsJsonPath(P(s => s.State.Item.LockedBy.S), EndedArn)));
        var recorded = Condition.IsPresent(P(s => s.State.Item.LiveColor.S));
        var allOnLive = Condition.Or(
            Condition.And(Live(FleetColor.Blue), At100(FleetColor.Blue)),
            Condition.And(Live(FleetColor.Green), At100(FleetColor.Green)),
            Condition.And(Condition.Not(recorded), Condition.Or(At100(FleetColor.Blue), At100(FleetColor.Green))));

        var cannotDecide = new Pass(_scope, "NoColorToRestore", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                ["Error"] = DeployErrors.SplitTraffic,
                ["Cause"] = "Traffic is split and no live color is recorded: restore the weights by hand.",
            },
            ResultPath = P(s => s.Failure),
        }).Next(failed);

        var blue = RecoverTo(FleetColor.Blue, nothing, failed);
        var green = RecoverTo(FleetColor.Green, nothing, failed);
        var target = new Choice(_scope, "ColorToRestore", new ChoiceProps
        {
            Comment = "The recorded live color; a Rollback that already restored the recorded warm previous color keeps it.",
        })
            .When(Condition.And(EndedRollback, PreviousWarm, Is(P(s => s.State.Item.PreviousColor.S), "blue"), At100(FleetColor.Blue)), blue)
            .When(Condition.And(EndedRollback, PreviousWarm, Is(P(s => s.State.Item.PreviousColor.S), "green"), At100(FleetColor.Green)), green)
            .When(Live(FleetColor.Blue), blue)
            .When(Live(FleetColor.Green), green)
            .When(At100(FleetColor.Blue), blue)
            .When(At100(FleetColor.Green), green)
            .Otherwise(cannotDecide);

        return read.Next(new Choice(_scope, "LockHeldByAnother")
            .When(heldByOther, nothingLeft)
            .Otherwise(readWeights.Next(new Choice(_scope, "AnythingLeftBehind")
                .When(Condition.And(Condition.Not(locked), allOnLive), nothingLeft)
                .Otherwise(target))));
    }
}
