using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using Timeout = Amazon.CDK.AWS.StepFunctions.Timeout;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The environment's state item (<c>pk</c> = application#environment, <c>sk</c> = STATE) and the deployment
/// records (<c>sk</c> = DEPLOYMENT#&lt;start&gt;#&lt;execution&gt;).
/// </summary>
/// <remarks>
/// The state item (every attribute declared, with its meaning, by <see cref="StateItem"/>) holds the lock (<c>lockedBy</c>:
/// the holder's execution ARN; absent when free) and what the flows know about the colors: <c>liveColor</c>,
/// <c>liveVersion</c>, <c>liveLaunchTemplateVersion</c>, <c>previousColor</c>, <c>previousLaunchTemplateVersion</c>, <c>previousWarm</c> (the previous color still has instances running its recorded version and may
/// take traffic back), <c>deployingColor</c> and <c>deploymentRecord</c> (see <see cref="DeploymentRecord"/>),
/// <c>rollbackRequestedBy</c> (see <see cref="RollbackSignal"/>), <c>rollbackFailedBy</c> (see <see cref="RollbackFailedMarker"/>),
/// and <c>revert*</c> (how to revert <c>revertGroup</c> to what it ran before the deployment that last changed it).
/// <c>liveColor</c> is the last verified color — the one a rollback or recovery restores —, not necessarily the one that
/// has the traffic: after a failed rollback the weights may be on the failed color, and the flows read the weights
/// to know (a deployment refuses to start from a color the record does not vouch for). It is absent when no color is known
/// to serve (a fresh environment, or a Rollback found the recorded one empty or Unhealthy). Keeping the lock in the same item lets one read tell the Rollback flow both whether a
/// deployment is running and which color is safe to restore.
/// </remarks>
internal static class StateTable
{
    public const string StateSortKey = "STATE";

    /// <summary>
    /// The table's Time to Live attribute: a Number of Unix epoch seconds after which DynamoDB deletes the item (typically
    /// within two days; until then it still reads). Only deployment records carry it, written from
    /// <see cref="ValidateRequestOutput.RecordExpiresAt"/>; the state item never does, so it never expires. The Rollback
    /// flow's <c>ROLLBACK#</c> records have none: that flow runs no Lambda function, and a state machine's intrinsic
    /// functions cannot turn <c>$$.Execution.StartTime</c> into epoch seconds.
    /// See <see href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html">Computing time to live</see>.
    /// </summary>
    public const string RecordExpiresAttribute = "expiresAt";
    /// <summary>The error of a DynamoDB write whose condition failed (as the optimized integration names it).</summary>
    public static readonly string ConditionFailedError = ServiceErrors.Name("dynamodb", "ConditionalCheckFailedException");

    /// <summary>What taking a held lock fails with: its condition failed.</summary>
    public static readonly string LockHeldError = ConditionFailedError;

    /// <summary>
    /// The state-item attribute the Rollback flow sets (to its execution ARN) when it restores traffic during a deployment;
    /// the deployment checks it before and after every traffic step and rolls back once it is set, so a rollback is never
    /// undone. Cleared with the lock.
    /// </summary>
    public static readonly string RollbackSignal = StateItem.Name(i => i.RollbackRequestedBy);

    /// <summary>
    /// The state-item attribute the deployment sets (to the step's index) before every traffic step, in the same conditional
    /// write that checks for <see cref="RollbackSignal"/>; absent until the first step, so the Rollback flow can tell an alarm
    /// of the deploying color that carries no traffic yet (its instances booting) from one under traffic. Removed when a new
    /// holder takes the lock.
    /// </summary>
    public static readonly string TrafficStepMarker = StateItem.Name(i => i.ShiftIndex);

    /// <summary>
    /// The state-item attribute that holds the sort key of the lock holder's deployment record (set with
    /// <c>deployingColor</c>, cleared with the lock), so the Recovery flow can mark the record of a stopped deployment.
    /// </summary>
    public static readonly string DeploymentRecord = StateItem.Name(i => i.DeploymentRecord);

    /// <summary>
    /// The state-item attribute that names the alarm the Rollback flow last notified <c>RollbackSkipped</c> for, so a
    /// composite alarm that keeps entering ALARM without anything to restore is notified once (its own alarm actions
    /// still report each state change). Cleared when a deployment takes the lock.
    /// </summary>
    public static readonly string SkippedAlarm = StateItem.Name(i => i.RollbackSkippedFor);

    /// <summary>
    /// The state-item attribute the Unlock flow writes when it frees a lock whose holder was not running: a map of
    /// <c>at</c>, <c>reason</c>, <c>requestedBy</c>, <c>previousHolder</c> and <c>holderStatus</c> (the last unlock only; the
    /// notification and the execution's history keep every one).
    /// </summary>
    public static readonly string LastUnlock = StateItem.Name(i => i.LastUnlock);

    /// <summary>
    /// The state-item attribute a failed rollback sets (to its execution ARN) when it could not put traffic back: the warm
    /// previous color is then the operator's way out, so the retire step keeps it (its lock condition requires the attribute
    /// absent). Cleared when an execution next takes the lock (a deployment, or a rollback that restores traffic).
    /// </summary>
    public static readonly string RollbackFailedMarker = StateItem.Name(i => i.RollbackFailedBy);

    /// <summary>What releasing the lock removes: the holder and what belongs to its run.</summary>
    public static readonly string ReleaseClause = $"REMOVE lockedBy, deployingColor, {DeploymentRecord}, {RollbackSignal}";

    /// <summary>The condition of a write that releases the lock: this execution holds it, or nobody does.</summary>
    public const string ReleaseCondition = "attribute_not_exists(lockedBy) OR lockedBy = :me";

    public static Dictionary<string, DynamoAttributeValue> StateKey(FlowContext context) => new()
    {
        ["pk"] = DynamoAttributeValue.FromString(context.PartitionKey),
        ["sk"] = DynamoAttributeValue.FromString(StateSortKey),
    };

    /// <summary>Takes the lock (conditional update) and leaves the whole state item at <paramref name="resultPath"/>.Attributes.</summary>
    public static DynamoUpdateItem AcquireLock(Construct scope, string id, FlowContext context, string resultPath, string? extraCondition = null,
        Dictionary<string, DynamoAttributeValue>? extraValues = null, string? comment = null)
    {
        var values = new Dictionary<string, DynamoAttributeValue>
        {
            [":me"] = ExecutionId(),
        };
        foreach (var (key, value) in extraValues ?? new())
        {
            values[key] = value;
        }

        // A rollback signal and a traffic step belong to the execution that held the lock: a new holder starts without them.
        return Update(scope, id, context, new StateUpdate($"SET lockedBy = :me REMOVE {RollbackSignal}, {SkippedAlarm}, {RollbackFailedMarker}, {TrafficStepMarker}", values)
        {
            Condition = "attribute_not_exists(lockedBy)" + (extraCondition is null ? string.Empty : $" AND {extraCondition}"),
            ResultPath = resultPath,
            ReturnValues = DynamoReturnValues.ALL_NEW,
            Comment = comment,
        });
    }

    /// <summary>Releases the lock if this execution holds it (or nobody does), optionally updating the state in the same write.</summary>
    public static DynamoUpdateItem ReleaseLock(Construct scope, string id, FlowContext context, string? set = null,
        Dictionary<string, DynamoAttributeValue>? values = null, bool persistentRetries = false, string? comment = null)
    {
        var all = new Dictionary<string, DynamoAttributeValue>
        {
            [":me"] = ExecutionId(),
        };
        foreach (var (key, value) in values ?? new())
        {
            all[key] = value;
        }

        return Update(scope, id, context, new StateUpdate((set is null ? string.Empty : $"SET {set} ") + ReleaseClause, all)
        {
            Condition = ReleaseCondition,
            PersistentRetries = persistentRetries,
            Comment = comment,
        });
    }

    /// <summary>An UpdateItem of the state item (or of the item at <see cref="StateUpdate.Key"/>).</summary>
    public static DynamoUpdateItem Update(Construct scope, string id, FlowContext context, StateUpdate update)
    {
        var task = new DynamoUpdateItem(scope, id, new DynamoUpdateItemProps
        {
            Comment = update.Comment,
            Table = context.Table,
            Key = update.Key ?? StateKey(context),
            UpdateExpression = update.Expression,
            ConditionExpression = update.Condition,
            ExpressionAttributeValues = update.Values.Count == 0 ? null : update.Values,
            ExpressionAttributeNames = update.Names,
            ReturnValues = update.ReturnValues,
            ResultPath = update.ResultPath,
            TaskTimeout = Timeout.Duration(FlowTasks.TaskTimeout),
        });
        return update.PersistentRetries ? FlowTasks.WithPersistentRetries(task, "dynamodb") : FlowTasks.WithRetries(task, "dynamodb");
    }

    /// <summary>This execution's ARN as an attribute value (<c>:me</c> in the expressions).</summary>
    public static DynamoAttributeValue ExecutionId() => DynamoAttributeValue.FromString(JsonPath.StringAt(StatePath.Context(c => c.Execution.Id)));

    /// <summary>
    /// A consistent read of the state item into <paramref name="resultPath"/>; with <paramref name="persistentRetries"/>, every
    /// error but the permanent ones is retried (see <see cref="FlowTasks.WithPersistentRetries"/>), for flows that must not
    /// give up during an incident.
    /// </summary>
    public static DynamoGetItem ReadState(Construct scope, string id, FlowContext context, string resultPath, bool persistentRetries = false,
        string? comment = null)
    {
        var task = new DynamoGetItem(scope, id, new DynamoGetItemProps
        {
            Comment = comment,
            Table = context.Table,
            Key = StateKey(context),
            ConsistentRead = true,
            ResultPath = resultPath,
            TaskTimeout = Timeout.Duration(FlowTasks.TaskTimeout),
        });
        return persistentRetries ? FlowTasks.WithPersistentRetries(task, "dynamodb") : FlowTasks.WithRetries(task, "dynamodb");
    }

    /// <summary>The key of this execution's deployment record (sortable by start time).</summary>
    public static Dictionary<string, DynamoAttributeValue> RecordKey(FlowContext context) => new()
    {
        ["pk"] = DynamoAttributeValue.FromString(context.PartitionKey),
        ["sk"] = DynamoAttributeValue.FromString(ExecutionKey("DEPLOYMENT")),
    };

    /// <summary>
    /// A sort key unique to this execution and sortable by its start: <c>&lt;prefix&gt;#&lt;start&gt;#&lt;execution name&gt;</c>.
    /// </summary>
    public static string ExecutionKey(string prefix) =>
        JsonPath.Format($"{prefix}#{{}}#{{}}", JsonPath.StringAt(StatePath.Context(c => c.Execution.StartTime)), JsonPath.StringAt(StatePath.Context(c => c.Execution.Name)));

    public static DynamoAttributeValue Str(string path) => DynamoAttributeValue.FromString(JsonPath.StringAt(path));

    public static DynamoAttributeValue Num(string path) => DynamoAttributeValue.NumberFromString(JsonPath.Format("{}", JsonPath.StringAt(path)));
}
