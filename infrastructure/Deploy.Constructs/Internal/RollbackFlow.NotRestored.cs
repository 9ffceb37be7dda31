using System.Linq.Expressions;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.StateTable;

namespace Deploy.Constructs.Internal;

/// <summary>The Rollback flow's end when traffic is left where it is: recorded and notified once.</summary>
internal sealed partial class RollbackFlow
{
    private IChainable BuildNotRestored()
    {
        var record = new DynamoPutItem(_scope, "RecordNotRestored", new DynamoPutItemProps
        {
            Table = _context.Table,
            Item = new Dictionary<string, DynamoAttributeValue>
            {
                ["pk"] = DynamoAttributeValue.FromString(_context.PartitionKey),
                ["sk"] = DynamoAttributeValue.FromString(ExecutionKey("ROLLBACK")),
                ["status"] = DynamoAttributeValue.FromString("NotRestored"),
                ["trigger"] = Str(P(s => s.Trigger)),
                ["reason"] = DynamoAttributeValue.FromString(JsonPath.Format("{}", JsonPath.StringAt(P(s => s.Reason)))),
            },
            ResultPath = JsonPath.DISCARD,
            TaskTimeout = Amazon.CDK.AWS.StepFunctions.Timeout.Duration(FlowTasks.TaskTimeout),
        });
        FlowTasks.WithRetries(record, "dynamodb");
        var notify = Notifications.Publish(_scope, "NotifyNotRestored", _context, "RollbackSkipped",
            "Rollback: traffic NOT moved (no warm or verified color to restore)", "$");
        // An alarm that enters ALARM again with still nothing to restore is not notified again (until a deployment takes
        // the lock): the first conditional write of its name wins, a repeat fails the condition and skips the message.
        var firstForAlarm = Update(_scope, "RecordSkippedAlarm", _context, new StateUpdate($"SET {SkippedAlarm} = :alarm",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":alarm"] = Str(P(s => s.AlarmName)),
            })
        {
            Condition = $"attribute_not_exists({SkippedAlarm}) OR {SkippedAlarm} <> :alarm",
        });
        var leftAsItIs = new Succeed(_scope, "LeftAsItIs");
        var done = new Choice(_scope, "NotRestored", new ChoiceProps
        {
            Comment = "The previous color was retired, the alarm is the idle color's, nothing is recorded, or the color to restore failed a check: never flip to a cold or unverified fleet.",
        })
            .When(Condition.IsPresent(P(s => s.Skipped.Reason)), new Pass(_scope, "NotRestoredBecause", new PassProps
            {
                Parameters = new Dictionary<string, object> { ["restored"] = false, ["reason.$"] = P(s => s.Skipped.Reason) },
            }).Next(leftAsItIs))
            .Otherwise(new Pass(_scope, "NoWarmPreviousColor", new PassProps
            {
                Parameters = new Dictionary<string, object>
                {
                    ["restored"] = false,
                    ["reason"] = "No warm previous color to restore; traffic left where it is.",
                },
            }).Next(leftAsItIs));
        notify.AddCatch(done, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = P(s => s.NotifyFailure) });
        notify.Next(done);
        firstForAlarm.AddCatch(done, new CatchProps { Errors = new[] { ConditionFailedError }, ResultPath = P(s => s.AlreadyNotified) });
        firstForAlarm.AddCatch(notify, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = P(s => s.RecordFailure) });
        firstForAlarm.Next(notify);
        var notifyOnce = new Choice(_scope, "NotifiedForThisAlarm")
            .When(Condition.And(Is(P(s => s.Trigger), RollbackRequest.Alarm), Condition.IsPresent(P(s => s.AlarmName))), firstForAlarm)
            .Otherwise(notify);
        record.AddCatch(notifyOnce, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = P(s => s.RecordFailure) });
        return record.Next(notifyOnce);
    }
}
