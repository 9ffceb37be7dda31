using Amazon.CDK;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.StateTable;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The Unlock flow (a Standard state machine), started by an operator (<c>deploy-pipeline unlock</c>): frees the
/// environment lock only when its holder is not running, so an operator never needs DynamoDB access to get out of a lock
/// that nothing will release (for example after a Recovery that DynamoDB refused every write).
/// </summary>
/// <remarks>
/// <para>Input: <see cref="UnlockRequest"/> (<c>reason</c> and <c>requestedBy</c>, non-empty strings); anything else fails
/// with <see cref="DeployErrors.MalformedInput"/> before the state item is read.</para>
/// <list type="bullet">
/// <item>No lock: succeeds with outcome <see cref="UnlockResult.NotLocked"/>; nothing is written, nothing notified.</item>
/// <item>A lock: <c>DescribeExecution</c> of its holder (<see href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html">Step
/// Functions API reference</see>). Running (any status but the ended ones, <see cref="UnlockResult.EndedStatuses"/>) fails
/// with <see cref="DeployErrors.LockHolderRunning"/>, naming the holder and its status. Ended, or unknown to Step Functions
/// (<c>ExecutionDoesNotExist</c>): one conditional write releases the lock — only if the same execution still holds it —
/// and records <c>lastUnlock</c>; then one <c>LockReleased</c> notification, and the outcome
/// <see cref="UnlockResult.Released"/> with the holder and its status.</item>
/// <item>The holder changed between the read and the write (the ended holder's Recovery took the lock over, or it was
/// released and taken again): fails with <see cref="DeployErrors.LockHolderChanged"/> naming the new holder, nothing
/// changed; a lock freed meanwhile is <see cref="UnlockResult.NotLocked"/>.</item>
/// </list>
/// <para>It does not restore traffic: a holder that was stopped part-way is the Recovery's to put back, and a later
/// deployment repairs a split to the recorded live color before anything else.</para>
/// </remarks>
internal sealed class UnlockFlow
{
    private static readonly string Holder = P(s => s.State.Item.LockedBy.S);
    private static readonly string HolderStatus = P(s => s.Holder.Status);
    private static readonly string Reason = P(s => s.Reason);
    private static readonly string RequestedBy = P(s => s.RequestedBy);

    private readonly Construct _scope;
    private readonly FlowContext _context;
    private readonly IReadOnlyList<string> _holderMachines;

    private UnlockFlow(Construct scope, FlowContext context, IReadOnlyList<string> holderMachines)
    {
        _scope = scope;
        _context = context;
        _holderMachines = holderMachines;
    }

    /// <summary>
    /// The flow; <paramref name="holderMachines"/> are the names of the state machines whose executions take the lock
    /// (Deploy, Rollback, Recovery): the only executions it may describe.
    /// </summary>
    public static IChainable Build(Construct scope, FlowContext context, IReadOnlyList<string> holderMachines) =>
        new UnlockFlow(scope, context, holderMachines).Start();

    private static string P(System.Linq.Expressions.Expression<Func<UnlockState, object?>> member) => UnlockState.Path(member);

    private string Environment => $"{_context.ApplicationName}/{_context.EnvironmentName}";

    private static Condition NonEmptyString(string path) =>
        Condition.And(Condition.IsPresent(path), Condition.IsString(path), Condition.Not(Condition.StringEquals(path, string.Empty)));

    private IChainable Start()
    {
        var malformed = new Fail(_scope, "MalformedInput", new FailProps
        {
            Error = DeployErrors.MalformedInput,
            CausePath = $"States.Format('The Unlock input needs {UnlockRequest.ReasonField} and {UnlockRequest.RequestedByField}, both non-empty strings; got {{}}. Nothing was changed.', States.JsonToString($))",
        });
        var nothing = new Succeed(_scope, "NothingToUnlock", new SucceedProps { Comment = "Nobody holds the lock: nothing was changed." });
        var notLocked = new Pass(_scope, "NotLocked", new PassProps
        {
            Parameters = new Dictionary<string, object> { [UnlockResult.OutcomeField] = UnlockResult.NotLocked },
        }).Next(nothing);

        var read = ReadState(_scope, "ReadState", _context, P(s => s.State));
        var validate = new Choice(_scope, "ValidateInput", new ChoiceProps { Comment = "reason and requestedBy, non-empty strings, before anything is read." })
            .When(Condition.And(NonEmptyString(Reason), NonEmptyString(RequestedBy)), read)
            .Otherwise(malformed);

        read.Next(new Choice(_scope, "LockHeld")
            .When(Condition.IsPresent(Holder), DescribeHolder(nothing))
            .Otherwise(notLocked));
        return validate;
    }

    /// <summary>Is the holder running? DescribeExecution of its ARN; an execution Step Functions does not know is not running.</summary>
    private IChainable DescribeHolder(Succeed nothing)
    {
        // Only the pipeline's own executions.
        var executions = _holderMachines.Select(name => FlowSteps.ExecutionsOf(_scope, name)).ToArray();
        var describe = FlowTasks.Aws(_scope, "DescribeHolder", new AwsCall("sfn", "describeExecution", "states:DescribeExecution", executions,
            new Dictionary<string, object> { ["ExecutionArn.$"] = Holder })
        {
            ResultPath = P(s => s.Holder),
            ResultSelector = new Dictionary<string, object> { [StatePath.Name<LockHolder>(h => h.Status) + ".$"] = StatePath.Of<DescribeExecutionResult>(r => r.Status) },
            Comment = "Is the lock's holder still running?",
        });

        var unknown = new Pass(_scope, "HolderDoesNotExist", new PassProps
        {
            Comment = "Step Functions does not know the holder: nothing runs as it.",
            Result = Result.FromObject(new Dictionary<string, object> { [StatePath.Name<LockHolder>(h => h.Status)] = UnlockResult.HolderDoesNotExist }),
            ResultPath = P(s => s.Holder),
        });
        describe.AddCatch(unknown, new CatchProps
        {
            Errors = new[] { ServiceErrors.Modeled(FlowTasks.AwsSdk("sfn"), "ExecutionDoesNotExist") },
            ResultPath = P(s => s.HolderError),
        });

        var running = new Fail(_scope, "LockHolderRunning", new FailProps
        {
            Error = DeployErrors.LockHolderRunning,
            CausePath = $"States.Format('The lock of {Environment} is held by {{}}, which is {{}}: it is not stuck. Wait for it to end, or stop it and its Recovery frees the lock. Nothing was changed.', {Holder}, {HolderStatus})",
        });
        var release = Release(nothing);
        var ended = UnlockResult.EndedStatuses.Append(UnlockResult.HolderDoesNotExist)
            .Select(status => Condition.StringEquals(HolderStatus, status)).ToArray();
        var decide = new Choice(_scope, "HolderEnded", new ChoiceProps { Comment = "Only an ended (or unknown) holder's lock is freed." })
            .When(Condition.Or(ended), release)
            .Otherwise(running);
        describe.Next(decide);
        unknown.Next(release);
        return describe;
    }

    /// <summary>Frees the lock if the same holder still has it, records the unlock, notifies once.</summary>
    private IChainable Release(Succeed nothing)
    {
        var release = Update(_scope, "ReleaseLock", _context, new StateUpdate($"SET {LastUnlock} = :unlock {ReleaseClause}",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":holder"] = Str(Holder),
                [":unlock"] = DynamoAttributeValue.FromMap(new Dictionary<string, DynamoAttributeValue>
                {
                    ["at"] = Str(StatePath.Context(c => c.State.EnteredTime)),
                    ["reason"] = Str(Reason),
                    ["requestedBy"] = Str(RequestedBy),
                    ["previousHolder"] = Str(Holder),
                    ["holderStatus"] = Str(HolderStatus),
                }),
            })
        {
            Condition = "lockedBy = :holder",
        });

        // Someone wrote the lock between the read and this write: a refusal naming whoever holds it now.
        var readAgain = ReadState(_scope, "ReadStateAgain", _context, P(s => s.Now));
        release.AddCatch(readAgain, new CatchProps { Errors = new[] { ConditionFailedError }, ResultPath = P(s => s.ReleaseError) });
        var changed = new Fail(_scope, "LockHolderChanged", new FailProps
        {
            Error = DeployErrors.LockHolderChanged,
            CausePath = $"States.Format('The lock of {Environment} changed hands while unlocking: it is now held by {{}}, not by {{}} (which is {{}}). Nothing was changed; run unlock again to check the new holder.', {P(s => s.Now.Item.LockedBy.S)}, {Holder}, {HolderStatus})",
        });
        var freed = new Pass(_scope, "FreedMeanwhile", new PassProps
        {
            Comment = "Another execution freed the lock meanwhile.",
            Parameters = new Dictionary<string, object> { [UnlockResult.OutcomeField] = UnlockResult.NotLocked },
        }).Next(nothing);
        readAgain.Next(new Choice(_scope, "StillLocked")
            .When(Condition.IsPresent(P(s => s.Now.Item.LockedBy.S)), changed)
            .Otherwise(freed));

        var summary = new Pass(_scope, "Released", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                [UnlockResult.OutcomeField] = UnlockResult.Released,
                [$"{UnlockResult.HolderField}.$"] = Holder,
                [$"{UnlockResult.HolderStatusField}.$"] = HolderStatus,
                [$"{UnlockRequest.ReasonField}.$"] = Reason,
                [$"{UnlockRequest.RequestedByField}.$"] = RequestedBy,
            },
            ResultPath = P(s => s.Result),
        });
        var done = new Succeed(_scope, "LockReleased", new SucceedProps { OutputPath = P(s => s.Result) });
        var notify = Notifications.Publish(_scope, "NotifyLockReleased", _context, "LockReleased", "Lock released: its holder was not running", P(s => s.Result));
        release.Next(summary);
        summary.Next(FlowTasks.BestEffort(notify, done));
        return release;
    }
}
