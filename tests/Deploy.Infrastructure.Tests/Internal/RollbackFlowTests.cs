using System.Text.Json.Nodes;
using Deploy.Contracts;
using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests.Internal;

public class RollbackFlowTests
{
    private static (JsonObject States, string StartAt) Rollback()
    {
        var definition = TestStacks.DefaultTemplate.Definition("PipelineRollback");
        return (definition["States"]!.AsObject(), definition["StartAt"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_Start_ReadsStateItemThenDecidesInOneChoice()
    {
        var (states, startAt) = Rollback();

        Assert.Equal("ReadState", startAt);
        Assert.EndsWith(":states:::dynamodb:getItem", states["ReadState"]!["Resource"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(states["ReadState"]!["Parameters"]!["ConsistentRead"]!.GetValue<bool>());
        Assert.Equal("DecideRollback", states["ReadState"]!["Next"]!.GetValue<string>());
        Assert.Equal("Choice", states["DecideRollback"]!["Type"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_EveryRestoreBranch_IsModifyRuleRightAfterTheDecisionWithoutLambda()
    {
        var (states, _) = Rollback();

        var targets = states["DecideRollback"]!["Choices"]!.AsArray().Select(c => c!["Next"]!.GetValue<string>()).ToList();

        // Four restores, and during a deployment held by a Deploy execution, its stop first (then the same restore).
        Assert.Equal(6, targets.Count);
        foreach (var target in targets)
        {
            var restore = target;
            if (target.StartsWith("StopDeployment", StringComparison.Ordinal))
            {
                var color = target["StopDeployment".Length..];
                Assert.EndsWith(":states:::aws-sdk:sfn:stopExecution", states[target]!["Resource"]!.GetValue<string>(), StringComparison.Ordinal);
                Assert.Equal("$.state.Item.lockedBy.S", states[target]!["Parameters"]!["ExecutionArn.$"]!.GetValue<string>());
                restore = states[target]!["Next"]!.GetValue<string>();
                Assert.Equal($"RestoreTrafficTo{color}DuringDeployment", restore);
                Assert.Equal(restore, states[target]!["Catch"]![0]!["Next"]!.GetValue<string>());
            }

            Assert.StartsWith("RestoreTrafficTo", restore, StringComparison.Ordinal);
            Assert.EndsWith(":states:::aws-sdk:elasticloadbalancingv2:modifyRule", states[restore]!["Resource"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(2, targets.Count(t => t.StartsWith("StopDeployment", StringComparison.Ordinal)));

        Assert.DoesNotContain("lambda", states["ReadState"]!.ToJsonString() + states["DecideRollback"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Definition_AlarmOfLiveColor_RestoresOnlyAWarmPreviousColor()
    {
        var (states, _) = Rollback();

        var toBlue = states["DecideRollback"]!["Choices"]!.AsArray().Single(c => c!["Next"]!.GetValue<string>() == "RestoreTrafficToBlue")!.ToJsonString();

        Assert.Contains("shop-staging-green-rollback", toBlue, StringComparison.Ordinal);
        Assert.Contains("$.state.Item.previousWarm.BOOL", toBlue, StringComparison.Ordinal);
        Assert.Contains("\"Not\":{\"Variable\":\"$.state.Item.lockedBy.S\"", toBlue, StringComparison.Ordinal);
        Assert.Equal("RecordNotRestored", states["DecideRollback"]!["Default"]!.GetValue<string>());
        Assert.Equal("NotifiedForThisAlarm", states["RecordNotRestored"]!["Next"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_NothingToRestore_AnAlarmIsNotifiedOnceUntilTheNextDeployment()
    {
        var (states, _) = Rollback();

        Assert.Equal("RecordSkippedAlarm", states["NotifiedForThisAlarm"]!["Choices"]![0]!["Next"]!.GetValue<string>());
        Assert.Equal("NotifyNotRestored", states["NotifiedForThisAlarm"]!["Default"]!.GetValue<string>());
        var record = states["RecordSkippedAlarm"]!;
        Assert.Equal("attribute_not_exists(rollbackSkippedFor) OR rollbackSkippedFor <> :alarm", record["Parameters"]!["ConditionExpression"]!.GetValue<string>());
        var repeat = record["Catch"]![0]!;
        Assert.Equal("[\"DynamoDB.ConditionalCheckFailedException\"]", repeat["ErrorEquals"]!.ToJsonString());
        Assert.Equal("NotRestored", repeat["Next"]!.GetValue<string>());
        Assert.Equal("NotifyNotRestored", record["Next"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_DuringDeployment_RestoresSignalsAndHandsOverWithoutNotifying()
    {
        var (states, _) = Rollback();

        Assert.Equal("ReadBackBlueDuringDeployment", states["RestoreTrafficToBlueDuringDeployment"]!["Next"]!.GetValue<string>());
        var restored = states["RestoredBlueDuringDeployment"]!;
        // The weights come first; then the signal that stops the deployment from moving traffic again.
        Assert.Equal("SignalRollbackToDeploymentBlue", restored["Choices"]![0]!["Next"]!.GetValue<string>());
        var signal = states["SignalRollbackToDeploymentBlue"]!;
        Assert.Equal("SET rollbackRequestedBy = :me", signal["Parameters"]!["UpdateExpression"]!.GetValue<string>());
        Assert.Equal("attribute_exists(lockedBy)", signal["Parameters"]!["ConditionExpression"]!.GetValue<string>());
        Assert.Equal("HandedToDeploymentBlue", signal["Next"]!.GetValue<string>());
        Assert.Equal("HandedToDeploymentBlue", signal["Catch"]![0]!["Next"]!.GetValue<string>());
        Assert.Equal("Succeed", states["HandedToDeploymentBlue"]!["Type"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_AfterRestore_RevertsScalesDownAndEndsRolledBackOrFailsLoudly()
    {
        var (states, _) = Rollback();

        Assert.Equal("LockForCleanupBlue", states["RestoredBlue"]!["Choices"]![0]!["Next"]!.GetValue<string>());
        Assert.Equal(DeployErrors.RolledBack, states["RolledBackBlue"]!["Error"]!.GetValue<string>());
        Assert.Equal(DeployErrors.RollbackFailed, states["RollbackFailedBlue"]!["Error"]!.GetValue<string>());
        var restoreCatch = states["RestoreTrafficToBlue"]!["Catch"]![0]!;
        Assert.Equal("[\"States.ALL\"]", restoreCatch["ErrorEquals"]!.ToJsonString());
        Assert.Equal("NotifyRollbackFailedBlue", restoreCatch["Next"]!.GetValue<string>());
        Assert.Equal("RollbackFailedBlue", states["NotifyRollbackFailedBlue"]!["Next"]!.GetValue<string>());
    }
}
