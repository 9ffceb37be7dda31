using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using Deploy.Contracts;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The Rollback flow (a Standard state machine), started by the alarm rule or by an operator.
/// Restoring the weights comes first: one Choice, then one ModifyRule — no Lambda before traffic is back.
/// </summary>
/// <remarks>
/// Input from the alarm rule: <c>{ "trigger": "alarm", "alarmName": …, "reason": … }</c> (the failed color is
/// the alarm's; the other color is restored). From an operator: <c>{ "trigger": "operator", "restoreColor":
/// "blue"|"green", "reason": … }</c>. The weights are read back and checked; the execution then fails with
/// <c>Deploy.RolledBack</c> (restored) or <c>Deploy.RollbackFailed</c> (the rule could not be changed).
/// </remarks>
internal static class RollbackFlow
{
    public static IChainable Build(Construct scope, FlowContext context)
    {
        var fleet = context.Fleet;

        var rollbackFailed = new Fail(scope, "RollbackFailed", new FailProps
        {
            Error = DeployErrors.RollbackFailed,
            Cause = "The listener rule could not be changed back; traffic was NOT restored. See the notification for the AWS error.",
        });
        var notifyFailed = Notifications.Publish(scope, "NotifyRollbackFailed", context, "RollbackFailed", "Rollback FAILED: traffic not restored", "$.failure");
        notifyFailed.Next(rollbackFailed);

        var notApplied = new Fail(scope, "WeightsNotApplied", new FailProps
        {
            Error = DeployErrors.WeightsNotApplied,
            Cause = "The listener rule was changed but reading it back did not show 100% on the restored color.",
        });
        var notifyNotApplied = Notifications.Publish(scope, "NotifyWeightsNotApplied", context, "RollbackFailed", "Rollback FAILED: weights not applied", "$.readBack");
        notifyNotApplied.Next(notApplied);

        var rolledBack = new Fail(scope, "RolledBack", new FailProps
        {
            Error = DeployErrors.RolledBack,
            CausePath = "States.Format('Rolled back: traffic restored to {}. Reason: {}', $.restored, $.reason)",
        });
        var notifyRolledBack = Notifications.Publish(scope, "NotifyRolledBack", context, "RolledBack", "Rolled back", "$");
        notifyRolledBack.Next(rolledBack);

        var readBack = RuleWeights.Read(scope, "ReadBackWeights", fleet, "$.readBack");
        readBack.AddCatch(notifyFailed, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = "$.failure" });
        readBack.Next(new Choice(scope, "WeightsRestored")
            .When(Condition.And(Condition.StringEquals("$.restored", "blue"), RuleWeights.HasWeight("$.readBack", fleet, FleetColor.Blue, 100)), notifyRolledBack)
            .When(Condition.And(Condition.StringEquals("$.restored", "green"), RuleWeights.HasWeight("$.readBack", fleet, FleetColor.Green, 100)), notifyRolledBack)
            .Otherwise(notifyNotApplied));

        IChainable Restore(FleetColor color)
        {
            var name = color.ToString().ToLowerInvariant();
            var restore = RuleWeights.Set(scope, $"Restore{color}", fleet, color == FleetColor.Blue ? 100 : 0, $"All traffic back to {name}.");
            restore.AddCatch(notifyFailed, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = "$.failure" });
            return restore.Next(new Pass(scope, $"Restored{color}", new PassProps { Result = Result.FromString(name), ResultPath = "$.restored" })).Next(readBack);
        }

        Condition Restores(FleetColor color)
        {
            var name = color.ToString().ToLowerInvariant();
            var failedAlarm = color == FleetColor.Blue ? context.GreenCompositeName : context.BlueCompositeName;
            return Condition.Or(
                Condition.And(Condition.IsPresent("$.restoreColor"), Condition.StringEquals("$.restoreColor", name)),
                Condition.And(Condition.IsPresent("$.alarmName"), Condition.StringEquals("$.alarmName", failedAlarm)));
        }

        var restoreBlue = Restore(FleetColor.Blue);
        var restoreGreen = Restore(FleetColor.Green);
        return new Choice(scope, "RestoreWhichColor")
            .When(Restores(FleetColor.Blue), restoreBlue)
            .When(Restores(FleetColor.Green), restoreGreen)
            .Otherwise(new Fail(scope, "UnknownRollbackTarget", new FailProps
            {
                Error = DeployErrors.MalformedInput,
                Cause = "Rollback input needs restoreColor (blue or green) or the alarmName of a composite rollback alarm of this fleet.",
            }));
    }
}
