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
    public void Definition_EveryRestoreTheRecordVouchesFor_IsModifyRuleRightAfterTheDecisionWithoutLambda()
    {
        var (states, _) = Rollback();

        var targets = states["DecideRollback"]!["Choices"]!.AsArray().Select(c => c!["Next"]!.GetValue<string>()).ToList();

        // One rule for each: the restores, the restores after a color check, and the deploying color's own alarm.
        Assert.Equal(
            new[]
            {
                "DeployingColorTakesNoTraffic", "ReadWeightsBeforeRestoringBlue", "ReadWeightsBeforeRestoringGreen", "RestoreTrafficToBlue",
                "RestoreTrafficToBlueDuringDeployment", "RestoreTrafficToGreen", "RestoreTrafficToGreenDuringDeployment", "StopDeploymentBlue", "StopDeploymentGreen",
            },
            targets.Order(StringComparer.Ordinal));

        // The live color during a deployment (held by a Deploy execution: its stop first, then the same restore) and a warm
        // previous color after one (blue, green each): straight to ModifyRule.
        foreach (var target in targets.Where(t => t.StartsWith("StopDeployment", StringComparison.Ordinal) || t.StartsWith("RestoreTrafficTo", StringComparison.Ordinal)))
        {
            var restore = target;
            if (target.StartsWith("StopDeployment", StringComparison.Ordinal))
            {
                var color = target["StopDeployment".Length..];
                Assert.EndsWith(":states:::aws-sdk:sfn:stopExecution", states[target]!["Resource"]!.GetValue<string>(), StringComparison.Ordinal);
                Assert.Equal("$.state.Item.lockedBy.S", states[target]!["Parameters"]!["ExecutionArn.$"]!.GetValue<string>());
                restore = states[target]!["Next"]!.GetValue<string>();
                Assert.Equal($"RestoreTrafficTo{color}DuringDeployment", restore);
                Assert.Equal(restore, ByName.Catcher(states[target], "States.ALL")["Next"]!.GetValue<string>());
                // The stop's rule is the restore's narrowed to a Deploy execution's lock: Step Functions takes the first
                // rule that matches, so it must come first.
                Assert.True(targets.IndexOf(target) < targets.IndexOf(restore), $"{target} must be tested before {restore}: {string.Join(", ", targets)}");
            }

            Assert.StartsWith("RestoreTrafficTo", restore, StringComparison.Ordinal);
            Assert.EndsWith(":states:::aws-sdk:elasticloadbalancingv2:modifyRule", states[restore]!["Resource"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(2, targets.Count(t => t.StartsWith("StopDeployment", StringComparison.Ordinal)));

        // Anything else the weights decide, and the color is verified first (ReadWeightsBeforeRestoring…, above).
        // The deploying color's alarm before its first traffic step: left to the deployment, nothing restored or stopped.
        Assert.Equal("LeftToDeployment", states["DeployingColorTakesNoTraffic"]!["Next"]!.GetValue<string>());
        var choices = states["DecideRollback"]!["Choices"]!.AsArray();
        Assert.Contains("$.state.Item.shiftIndex.N", ByName.Rule(states["DecideRollback"], "DeployingColorTakesNoTraffic").ToJsonString(), StringComparison.Ordinal);
        Assert.All(choices.Where(c => c!["Next"]!.GetValue<string>().StartsWith("StopDeployment", StringComparison.Ordinal)),
            c => Assert.Contains("$.state.Item.shiftIndex.N", c!.ToJsonString(), StringComparison.Ordinal));
        Assert.DoesNotContain("lambda", states["ReadState"]!.ToJsonString() + states["DecideRollback"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Definition_TrafficOffTheRecordedLiveColor_RestoresItOnlyOnceVerified()
    {
        var (states, _) = Rollback();

        var toBlue = states["DecideRollback"]!["Choices"]!.AsArray().Single(c => c!["Next"]!.GetValue<string>() == "ReadWeightsBeforeRestoringBlue")!.ToJsonString();
        Assert.Contains("\"Variable\":\"$.state.Item.liveColor.S\",\"StringEquals\":\"blue\"", toBlue, StringComparison.Ordinal);
        Assert.Contains("shop-staging-green-rollback", toBlue, StringComparison.Ordinal);
        Assert.Contains("\"Not\":{\"Variable\":\"$.state.Item.lockedBy.S\"", toBlue, StringComparison.Ordinal);

        // All traffic already on blue: nothing to do; otherwise the lock, on the condition that blue is still the live color.
        Assert.Equal("TrafficOffBlue", states["ReadWeightsBeforeRestoringBlue"]!["Next"]!.GetValue<string>());
        Assert.Contains(".Weight\",\"NumericEquals\":100}", ByName.Rule(states["TrafficOffBlue"], "AlreadyOnBlue").ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("LockToRestoreBlue", states["TrafficOffBlue"]!["Default"]!.GetValue<string>());
        var lockIt = states["LockToRestoreBlue"]!["Parameters"]!;
        Assert.Equal("attribute_not_exists(lockedBy) AND liveColor = :live", lockIt["ConditionExpression"]!.GetValue<string>());
        Assert.Equal("blue", lockIt["ExpressionAttributeValues"]![":live"]!["S"]!.GetValue<string>());
        Assert.Equal("DescribeRestoreTargetBlue", states["LockToRestoreBlue"]!["Next"]!.GetValue<string>());

        // Its instances, one verdict each, by a Map without a Lambda; then the probe before traffic, for the group's capacity.
        var map = states["CheckInstancesOfBlue"]!;
        Assert.Equal("Map", map["Type"]!.GetValue<string>());
        Assert.Equal("$.target.group.Instances", map["ItemsPath"]!.GetValue<string>());
        Assert.Equal("$.expected.version", map["ItemSelector"]!["version.$"]!.GetValue<string>());
        Assert.Equal("InstanceServesBlue", map["ItemProcessor"]!["StartAt"]!.GetValue<string>());
        Assert.DoesNotContain(":lambda:", map.ToJsonString(), StringComparison.Ordinal);
        var serving = ByName.Rule(states["InstancesServeBlue"], "ProbeRestoreTargetBlue").ToJsonString();
        Assert.Contains("{\"Variable\":\"$.tally.serving\",\"BooleanEquals\":true}", serving, StringComparison.Ordinal);
        Assert.Contains("{\"Variable\":\"$.tally.otherVersion\",\"BooleanEquals\":false}", serving, StringComparison.Ordinal);
        var probe = states["ProbeRestoreTargetBlue"]!["Parameters"]!["Input"]!;
        Assert.Equal("BeforeTraffic", probe["phase"]!.GetValue<string>());
        Assert.Equal("$.target.group.DesiredCapacity", probe["expectedTargets.$"]!.GetValue<string>());

        // The verdict decides, and the ModifyRule comes next; once read back, the record (the lock is held already).
        var verdict = states["RestoreTargetHealthyBlue"]!;
        Assert.Equal("Healthy", ByName.Rule(verdict, "RestoreTrafficToLiveBlue")["StringEquals"]!.GetValue<string>());
        Assert.Equal("NotHealthyBlue", verdict["Default"]!.GetValue<string>());
        Assert.EndsWith(":states:::aws-sdk:elasticloadbalancingv2:modifyRule", states["RestoreTrafficToLiveBlue"]!["Resource"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("{\"Variable\":\"$.readBack.targetGroups[0].Weight\",\"NumericEquals\":100}", ByName.Rule(states["RestoredLiveBlue"], "RecordRestoredBlue").ToJsonString(), StringComparison.Ordinal);
        // A Pending verdict keeps the record (roll back again later); an Unhealthy one, like an empty group, makes it name no
        // live color, so a deployment of a fixed version is not refused for keeping blue.
        Assert.Equal("Pending", ByName.Rule(verdict, "NotHealthyYetBlue")["StringEquals"]!.GetValue<string>());
        Assert.Equal(2, verdict["Choices"]!.AsArray().Count);
        Assert.Equal("ReleaseLockNotRestoredBlue", states["NotHealthyYetBlue"]!["Next"]!.GetValue<string>());
        Assert.Equal("RecordNotRestored", states["ReleaseLockNotRestoredBlue"]!["Next"]!.GetValue<string>());
        Assert.Equal("ForgetLiveColorBlue", states["NotHealthyBlue"]!["Next"]!.GetValue<string>());
        Assert.Equal("ForgetLiveColorBlue", states["NoInstancesBlue"]!["Next"]!.GetValue<string>());
        Assert.Equal("ReleaseLockNotRestoredBlue", states["PinnedElsewhereBlue"]!["Next"]!.GetValue<string>());
        Assert.Equal("ReleaseLockNotRestoredBlue", states["NoServingInstanceBlue"]!["Next"]!.GetValue<string>());
        Assert.Equal("ReleaseLockNotRestoredBlue", states["NoLaunchTemplateBlue"]!["Next"]!.GetValue<string>());
        var forget = states["ForgetLiveColorBlue"]!;
        Assert.Equal("REMOVE lockedBy, deployingColor, deploymentRecord, rollbackRequestedBy, liveColor, liveVersion, liveLaunchTemplateVersion",
            forget["Parameters"]!["UpdateExpression"]!.GetValue<string>());
        Assert.Equal("lockedBy = :me AND liveColor = :live", forget["Parameters"]!["ConditionExpression"]!.GetValue<string>());
        Assert.Equal("RecordNotRestored", forget["Next"]!.GetValue<string>());
        Assert.Equal("ReleaseLockNotRestoredBlue", ByName.Catcher(forget, "States.ALL")["Next"]!.GetValue<string>());
        Assert.Equal("ReleaseLockRestoreFailedBlue", ByName.Catcher(states["RestoreTrafficToLiveBlue"], "States.ALL")["Next"]!.GetValue<string>());
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

        var alarmTrigger = ByName.Rule(states["NotifiedForThisAlarm"], "RecordSkippedAlarm").ToJsonString();
        Assert.Contains("{\"Variable\":\"$.trigger\",\"StringEquals\":\"alarm\"}", alarmTrigger, StringComparison.Ordinal);
        Assert.Contains("{\"Variable\":\"$.alarmName\",\"IsPresent\":true}", alarmTrigger, StringComparison.Ordinal);
        Assert.Equal("NotifyNotRestored", states["NotifiedForThisAlarm"]!["Default"]!.GetValue<string>());
        var record = states["RecordSkippedAlarm"]!;
        Assert.Equal("attribute_not_exists(rollbackSkippedFor) OR rollbackSkippedFor <> :alarm", record["Parameters"]!["ConditionExpression"]!.GetValue<string>());
        var repeat = ByName.Catcher(record, "DynamoDB.ConditionalCheckFailedException");
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
        Assert.Contains("{\"Variable\":\"$.readBack.targetGroups[0].Weight\",\"NumericEquals\":100}", ByName.Rule(restored, "SignalRollbackToDeploymentBlue").ToJsonString(), StringComparison.Ordinal);
        var signal = states["SignalRollbackToDeploymentBlue"]!;
        Assert.Equal("SET rollbackRequestedBy = :me", signal["Parameters"]!["UpdateExpression"]!.GetValue<string>());
        // Only the holder the Rollback read: a deployment that took the lock since is not signalled.
        Assert.Equal("lockedBy = :holder", signal["Parameters"]!["ConditionExpression"]!.GetValue<string>());
        Assert.Equal("$.state.Item.lockedBy.S", signal["Parameters"]!["ExpressionAttributeValues"]![":holder"]!["S.$"]!.GetValue<string>());
        Assert.Equal("HandedToDeploymentBlue", signal["Next"]!.GetValue<string>());
        Assert.Equal("HandedToDeploymentBlue", ByName.Catcher(signal, "States.ALL")["Next"]!.GetValue<string>());
        Assert.Equal("Succeed", states["HandedToDeploymentBlue"]!["Type"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_AfterRestore_RevertsScalesDownAndEndsRolledBackOrFailsLoudly()
    {
        var (states, _) = Rollback();

        Assert.Contains("{\"Variable\":\"$.readBack.targetGroups[0].Weight\",\"NumericEquals\":100}", ByName.Rule(states["RestoredBlue"], "LockForCleanupBlue").ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(DeployErrors.RolledBack, states["RolledBackBlue"]!["Error"]!.GetValue<string>());
        Assert.Equal(DeployErrors.RollbackFailed, states["RollbackFailedBlue"]!["Error"]!.GetValue<string>());
        var restoreCatch = ByName.Catcher(states["RestoreTrafficToBlue"], "States.ALL");
        Assert.Equal("[\"States.ALL\"]", restoreCatch["ErrorEquals"]!.ToJsonString());
        Assert.Equal("MarkRollbackFailedBlue", restoreCatch["Next"]!.GetValue<string>());
        Assert.Equal("SET rollbackFailedBy = :me", states["MarkRollbackFailedBlue"]!["Parameters"]!["UpdateExpression"]!.GetValue<string>());
        Assert.Equal("NotifyRollbackFailedBlue", states["MarkRollbackFailedBlue"]!["Next"]!.GetValue<string>());
        Assert.Equal("NotifyRollbackFailedBlue", ByName.Catcher(states["MarkRollbackFailedBlue"], "States.ALL")["Next"]!.GetValue<string>());
        Assert.Equal("RollbackFailedBlue", states["NotifyRollbackFailedBlue"]!["Next"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_WarmRestoreRecord_DropsTheFailedColorsVersionsTheVerifiedRestoreKeepsItsOwn()
    {
        var (states, _) = Rollback();

        // After a warm restore the live versions on record were the failed color's: a later verified restore of the
        // restored color would compare it with them and refuse.
        Assert.Equal("RecordRestoredWarmBlue", states["LockForCleanupBlue"]!["Next"]!.GetValue<string>());
        Assert.Equal("SET liveColor = :live, previousColor = :failed, previousWarm = :false REMOVE lockedBy, deployingColor, deploymentRecord, rollbackRequestedBy, liveVersion, liveLaunchTemplateVersion",
            states["RecordRestoredWarmBlue"]!["Parameters"]!["UpdateExpression"]!.GetValue<string>());
        Assert.Equal("SET liveColor = :live, previousColor = :failed, previousWarm = :false REMOVE lockedBy, deployingColor, deploymentRecord, rollbackRequestedBy",
            states["RecordRestoredBlue"]!["Parameters"]!["UpdateExpression"]!.GetValue<string>());
        foreach (var record in new[] { "RecordRestoredWarmBlue", "RecordRestoredBlue" })
        {
            Assert.Equal("attribute_not_exists(lockedBy) OR lockedBy = :me", states[record]!["Parameters"]!["ConditionExpression"]!.GetValue<string>());
            Assert.Equal("NotifyRolledBackToBlue", states[record]!["Next"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Definition_RestoreRefusedDuringDeployment_StillSignalsTheDeployment()
    {
        var (states, _) = Rollback();

        var restoreCatch = ByName.Catcher(states["RestoreTrafficToBlueDuringDeployment"], "States.ALL");
        Assert.Equal("SignalFailedRollbackBlueDuringDeployment", restoreCatch["Next"]!.GetValue<string>());
        var signal = states["SignalFailedRollbackBlueDuringDeployment"]!;
        Assert.Equal("SET rollbackRequestedBy = :me", signal["Parameters"]!["UpdateExpression"]!.GetValue<string>());
        // Only the holder the Rollback read: a deployment that took the lock since is not signalled.
        Assert.Equal("lockedBy = :holder", signal["Parameters"]!["ConditionExpression"]!.GetValue<string>());
        Assert.Equal("$.state.Item.lockedBy.S", signal["Parameters"]!["ExpressionAttributeValues"]![":holder"]!["S.$"]!.GetValue<string>());
        Assert.Equal("NotifyRollbackFailedBlueDuringDeployment", signal["Next"]!.GetValue<string>());
        Assert.Equal(DeployErrors.RollbackFailed, states["RollbackFailedBlueDuringDeployment"]!["Error"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_Cleanup_RevertsTheFailedGroupOnlyWithARevertRecordedForIt()
    {
        var (states, _) = Rollback();

        // Restored blue: green failed. Its revert, only when the record's revert is green's group's; else scaled in only.
        Assert.Equal("RevertRecordedForGreenGroup", states["NotifyRolledBackToBlue"]!["Next"]!.GetValue<string>());
        var guard = states["RevertRecordedForGreenGroup"]!;
        Assert.Contains("\"Variable\":\"$.state.Item.revertGroup.S\"", ByName.Rule(guard, "DescribeFailedGroupBlue").ToJsonString(), StringComparison.Ordinal);
        Assert.Single(guard["Choices"]!.AsArray());
        Assert.Equal("ScaleDownFailedBlue", guard["Default"]!.GetValue<string>());
    }
}
