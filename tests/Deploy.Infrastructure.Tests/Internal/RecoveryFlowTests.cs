using System.Text.Json.Nodes;
using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests.Internal;

public class RecoveryFlowTests
{
    private static (JsonObject States, string StartAt) Recovery()
    {
        var definition = TestStacks.DefaultTemplate.Definition("PipelineRecovery");
        return (definition["States"]!.AsObject(), definition["StartAt"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_Start_LeavesALockOfAnotherExecutionAlone()
    {
        var (states, startAt) = Recovery();

        Assert.Equal("ReadState", startAt);
        Assert.True(states["ReadState"]!["Parameters"]!["ConsistentRead"]!.GetValue<bool>());
        var heldByAnother = ByName.Rule(states["LockHeldByAnother"], "NothingLeftBehind");
        Assert.Single(states["LockHeldByAnother"]!["Choices"]!.AsArray());
        Assert.Equal("NothingToRecover", states["NothingLeftBehind"]!["Default"]!.GetValue<string>());
        Assert.Contains("\"StringEqualsPath\":\"$.detail.executionArn\"", heldByAnother.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Succeed", states["NothingToRecover"]!["Type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Blue")]
    [InlineData("Green")]
    public void Definition_TakeOverLock_AfterTheRestoredWeightsOnlyFromTheEndedExecutionOrWhenFree(string color)
    {
        var (states, _) = Recovery();

        // Traffic first: the read-back that proves 100 % on the color leads to the lock take-over.
        var restored = ByName.Rule(states[$"Restored{color}"], $"TakeOverLock{color}");
        Assert.Contains(".Weight\",\"NumericEquals\":100}", restored.ToJsonString(), StringComparison.Ordinal);
        var takeOver = states[$"TakeOverLock{color}"]!;
        Assert.Equal("attribute_not_exists(lockedBy) OR lockedBy = :ended", takeOver["Parameters"]!["ConditionExpression"]!.GetValue<string>());
        Assert.Equal("$.detail.executionArn", takeOver["Parameters"]!["ExpressionAttributeValues"]![":ended"]!["S.$"]!.GetValue<string>());
        var lockTaken = ByName.Catcher(takeOver, "DynamoDB.ConditionalCheckFailedException");
        Assert.Equal("[\"DynamoDB.ConditionalCheckFailedException\"]", lockTaken["ErrorEquals"]!.ToJsonString());
        Assert.Equal("NothingToRecover", lockTaken["Next"]!.GetValue<string>());
        Assert.Equal($"RecoveredTo{color}", takeOver["Next"]!.GetValue<string>());
        Assert.Equal("ColorToRestore", states["AnythingLeftBehind"]!["Default"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_EveryRestore_IsOneModifyRuleReadBackWithoutLambdaAndRetriedPersistently()
    {
        var (states, _) = Recovery();

        var targets = states["ColorToRestore"]!["Choices"]!.AsArray().Select(c => c!["Next"]!.GetValue<string>()).Distinct().Order().ToList();

        Assert.Equal(new[] { "RestoreTrafficToBlue", "RestoreTrafficToGreen" }, targets);
        foreach (var target in targets)
        {
            Assert.EndsWith(":states:::aws-sdk:elasticloadbalancingv2:modifyRule", states[target]!["Resource"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains(states[target]!["Retry"]!.AsArray(), r => r!["ErrorEquals"]!.ToJsonString() == "[\"States.ALL\"]");
            Assert.StartsWith("ReadBack", states[target]!["Next"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(":lambda:", states.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Definition_EndedRollback_KeepsTheRestoredPreviousColorOnlyWhileTheRecordCallsItWarm()
    {
        var (states, _) = Recovery();

        var rules = states["ColorToRestore"]!["Choices"]!.AsArray().Select(c => c!.ToJsonString()).ToList();
        var keep = rules.Where(r => r.Contains("$.state.Item.previousColor.S", StringComparison.Ordinal)).ToList();

        // A previous color that is not warm is the failed one after a failed rollback: never kept for a restored one.
        Assert.Equal(2, keep.Count);
        Assert.All(keep, r => Assert.Contains("\"Variable\":\"$.state.Item.previousWarm.BOOL\",\"BooleanEquals\":true", r, StringComparison.Ordinal));
        Assert.Contains(keep, r => r.Contains("\"Variable\":\"$.state.Item.previousColor.S\",\"StringEquals\":\"blue\"", StringComparison.Ordinal));
        // Kept before the record's live color and the weights are looked at: Step Functions takes the first rule that matches.
        Assert.True(keep.Max(r => rules.IndexOf(r)) < rules.FindIndex(r => !keep.Contains(r)), "the rules that keep the warm previous color must come first: " + string.Join("\n", rules));
    }

    [Fact]
    public void Definition_Record_ReleasesTheLockAndTrustsNothingAsWarm()
    {
        var (states, _) = Recovery();

        var record = states["RecordColorsBlue"]!["Parameters"]!;
        Assert.StartsWith("SET liveColor = :live, previousColor = :other, previousWarm = :false REMOVE lockedBy", record["UpdateExpression"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("blue", record["ExpressionAttributeValues"]![":live"]!["S"]!.GetValue<string>());
        Assert.Equal("attribute_not_exists(lockedBy) OR lockedBy = :me", record["ConditionExpression"]!.GetValue<string>());
    }
}
