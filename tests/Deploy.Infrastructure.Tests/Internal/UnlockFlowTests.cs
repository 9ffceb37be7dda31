using System.Text.Json.Nodes;
using Deploy.Contracts;
using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests.Internal;

public class UnlockFlowTests
{
    private static JsonObject States => TestStacks.DefaultTemplate.Definition("PipelineUnlock")["States"]!.AsObject();

    /// <summary>The statements of the Unlock role's policies.</summary>
    private static List<JsonObject> RoleStatements()
    {
        var template = TestStacks.DefaultTemplate;
        var role = template.Resources("AWS::IAM::Role").Single(r => r.Key.StartsWith("PipelineUnlockRole", StringComparison.Ordinal)).Key;
        return template.PolicyStatements()
            .Where(p => template.Root["Resources"]![p.Policy]!["Properties"]!["Roles"]!.ToJsonString().Contains($"\"{role}\"", StringComparison.Ordinal))
            .Select(p => p.Statement)
            .ToList();
    }

    [Fact]
    public void Definition_Start_RefusesMalformedInputBeforeReadingAnything()
    {
        var definition = TestStacks.DefaultTemplate.Definition("PipelineUnlock");
        var validate = States["ValidateInput"]!;

        Assert.Equal("ValidateInput", definition["StartAt"]!.GetValue<string>());
        var rule = Assert.Single(validate["Choices"]!.AsArray())!;
        Assert.Equal("ReadState", rule["Next"]!.GetValue<string>());
        foreach (var field in new[] { "$.reason", "$.requestedBy" })
        {
            Assert.Contains($"{{\"Variable\":\"{field}\",\"IsPresent\":true}}", rule.ToJsonString(), StringComparison.Ordinal);
            Assert.Contains($"{{\"Variable\":\"{field}\",\"IsString\":true}}", rule.ToJsonString(), StringComparison.Ordinal);
            Assert.Contains($"{{\"Not\":{{\"Variable\":\"{field}\",\"StringEquals\":\"\"}}}}", rule.ToJsonString(), StringComparison.Ordinal);
        }

        Assert.Equal("MalformedInput", validate["Default"]!.GetValue<string>());
        Assert.Equal("Fail", States["MalformedInput"]!["Type"]!.GetValue<string>());
        Assert.Equal(DeployErrors.MalformedInput, States["MalformedInput"]!["Error"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_NoLock_SucceedsNotLockedWithoutWriting()
    {
        var states = States;

        var held = states["LockHeld"]!;
        Assert.Equal("{\"Variable\":\"$.state.Item.lockedBy.S\",\"IsPresent\":true,\"Next\":\"DescribeHolder\"}", Assert.Single(held["Choices"]!.AsArray())!.ToJsonString());
        Assert.Equal("NotLocked", held["Default"]!.GetValue<string>());
        Assert.Equal("{\"outcome\":\"NotLocked\"}", states["NotLocked"]!["Parameters"]!.ToJsonString());
        Assert.Equal("NothingToUnlock", states["NotLocked"]!["Next"]!.GetValue<string>());
        Assert.True(states["ReadState"]!["Parameters"]!["ConsistentRead"]!.GetValue<bool>());
    }

    [Fact]
    public void Definition_DescribeHolder_IsTheSdkCallAndAnUnknownExecutionCountsAsEnded()
    {
        var states = States;

        var describe = states["DescribeHolder"]!;
        Assert.EndsWith(":states:::aws-sdk:sfn:describeExecution", describe["Resource"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("$.state.Item.lockedBy.S", describe["Parameters"]!["ExecutionArn.$"]!.GetValue<string>());
        Assert.Equal("$.Status", describe["ResultSelector"]!["status.$"]!.GetValue<string>());
        Assert.Equal(ServiceErrors.Transient("aws-sdk:sfn"), TemplateJson.Strings(Assert.Single(describe["Retry"]!.AsArray())!["ErrorEquals"]));
        var missing = Assert.Single(describe["Catch"]!.AsArray())!;
        Assert.Equal("[\"Sfn.ExecutionDoesNotExistException\"]", missing["ErrorEquals"]!.ToJsonString());
        Assert.Equal("HolderDoesNotExist", missing["Next"]!.GetValue<string>());
        Assert.Equal("{\"status\":\"DOES_NOT_EXIST\"}", states["HolderDoesNotExist"]!["Result"]!.ToJsonString());
        Assert.Equal("ReleaseLock", states["HolderDoesNotExist"]!["Next"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_HolderEnded_ReleasesOnlyAfterAnEndedStatusAndRefusesEveryOther()
    {
        var states = States;

        var decide = states["HolderEnded"]!;
        var rule = Assert.Single(decide["Choices"]!.AsArray())!;
        var statuses = rule["Or"]!.AsArray().Select(c => c!["StringEquals"]!.GetValue<string>()).ToList();
        Assert.Equal(new[] { "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "DOES_NOT_EXIST" }, statuses);
        Assert.All(rule["Or"]!.AsArray(), c => Assert.Equal("$.holder.status", c!["Variable"]!.GetValue<string>()));
        Assert.Equal("ReleaseLock", rule["Next"]!.GetValue<string>());
        // RUNNING, PENDING_REDRIVE and any status AWS adds later: refused, naming the holder and its status.
        Assert.Equal("LockHolderRunning", decide["Default"]!.GetValue<string>());
        var running = states["LockHolderRunning"]!;
        Assert.Equal(DeployErrors.LockHolderRunning, running["Error"]!.GetValue<string>());
        Assert.EndsWith(", $.state.Item.lockedBy.S, $.holder.status)", running["CausePath"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("The lock of shop/staging is held by {}, which is {}", running["CausePath"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Definition_ReleaseLock_OnlyIfTheSameHolderStillHoldsItAndRecordsTheUnlock()
    {
        var states = States;

        var release = states["ReleaseLock"]!;
        var parameters = release["Parameters"]!;
        Assert.EndsWith(":states:::dynamodb:updateItem", release["Resource"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("SET lastUnlock = :unlock REMOVE lockedBy, deployingColor, deploymentRecord, rollbackRequestedBy", parameters["UpdateExpression"]!.GetValue<string>());
        Assert.Equal("lockedBy = :holder", parameters["ConditionExpression"]!.GetValue<string>());
        Assert.Equal("$.state.Item.lockedBy.S", parameters["ExpressionAttributeValues"]![":holder"]!["S.$"]!.GetValue<string>());
        var unlock = parameters["ExpressionAttributeValues"]![":unlock"]!["M"]!.AsObject();
        Assert.Equal(new[] { "at", "holderStatus", "previousHolder", "reason", "requestedBy" }, unlock.Select(m => m.Key).Order(StringComparer.Ordinal));
        Assert.Equal("$$.State.EnteredTime", unlock["at"]!["S.$"]!.GetValue<string>());
        Assert.Equal("$.holder.status", unlock["holderStatus"]!["S.$"]!.GetValue<string>());
        Assert.Equal("Released", release["Next"]!.GetValue<string>());
        var changed = Assert.Single(release["Catch"]!.AsArray())!;
        Assert.Equal("[\"DynamoDB.ConditionalCheckFailedException\"]", changed["ErrorEquals"]!.ToJsonString());
        Assert.Equal("ReadStateAgain", changed["Next"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_ChangedHolder_IsARefusalNamingTheNewHolder()
    {
        var states = States;

        var still = states["StillLocked"]!;
        Assert.Equal("LockHolderChanged", Assert.Single(still["Choices"]!.AsArray())!["Next"]!.GetValue<string>());
        Assert.Equal("FreedMeanwhile", still["Default"]!.GetValue<string>());
        var changed = states["LockHolderChanged"]!;
        Assert.Equal(DeployErrors.LockHolderChanged, changed["Error"]!.GetValue<string>());
        Assert.Contains("it is now held by {}", changed["CausePath"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith(", $.now.Item.lockedBy.S, $.state.Item.lockedBy.S, $.holder.status)", changed["CausePath"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("{\"outcome\":\"NotLocked\"}", states["FreedMeanwhile"]!["Parameters"]!.ToJsonString());
    }

    [Fact]
    public void Definition_Released_NotifiesLockReleasedOnceAndOutputsTheHolderAndItsStatus()
    {
        var states = States;

        var summary = states["Released"]!["Parameters"]!;
        Assert.Equal(UnlockResult.Released, summary["outcome"]!.GetValue<string>());
        Assert.Equal("$.state.Item.lockedBy.S", summary["holder.$"]!.GetValue<string>());
        Assert.Equal("$.holder.status", summary["holderStatus.$"]!.GetValue<string>());
        var notify = states["NotifyLockReleased"]!;
        Assert.Contains("\"event\":\"LockReleased\"", notify["Parameters"]!["Message"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("$.result", notify["Parameters"]!["Message"]!["details.$"]!.GetValue<string>());
        // Best effort: the lock is already free, a failed publish does not change the outcome.
        Assert.Equal("LockReleased", notify["Next"]!.GetValue<string>());
        Assert.Equal("LockReleased", Assert.Single(notify["Catch"]!.AsArray())!["Next"]!.GetValue<string>());
        Assert.Equal("$.result", states["LockReleased"]!["OutputPath"]!.GetValue<string>());
        Assert.Single(states, s => s.Value!["Type"]!.GetValue<string>() == "Task" && s.Value["Resource"]!.GetValue<string>().EndsWith(":sns:publish", StringComparison.Ordinal));
    }

    [Fact]
    public void Policies_UnlockRole_HasOnlyTheCallsItMakes()
    {
        var statements = RoleStatements();

        var actions = statements.SelectMany(s => TemplateJson.Strings(s["Action"])).Where(a => !a.StartsWith("logs:", StringComparison.Ordinal) && !a.StartsWith("xray:", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "dynamodb:GetItem", "dynamodb:UpdateItem", "kms:Decrypt", "kms:GenerateDataKey", "sns:Publish", "states:DescribeExecution" }, actions);
        var table = TestStacks.DefaultTemplate.Resources("AWS::DynamoDB::Table").Single().Key;
        Assert.All(statements.Where(s => TemplateJson.Strings(s["Action"]).Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal))),
            s => Assert.EndsWith($":table/${{Ref:{table}}}", TemplateJson.Flatten(s["Resource"]!), StringComparison.Ordinal));
        Assert.DoesNotContain(statements, s => TemplateJson.Strings(s["Action"]).Contains("cloudwatch:PutMetricData"));
    }

    [Fact]
    public void Policies_DescribeExecution_OnlyOnTheExecutionsOfDeployRollbackAndRecovery()
    {
        var statement = Assert.Single(RoleStatements(), s => TemplateJson.Strings(s["Action"]).Contains("states:DescribeExecution"));

        Assert.Equal(new[] { "states:DescribeExecution" }, TemplateJson.Strings(statement["Action"]));
        var resources = statement["Resource"]!.AsArray().Select(r => TemplateJson.Flatten(r!)).ToList();
        Assert.Equal(new[]
        {
            "arn:${Ref:AWS::Partition}:states:${Ref:AWS::Region}:${Ref:AWS::AccountId}:execution:shop-staging-deploy:*",
            "arn:${Ref:AWS::Partition}:states:${Ref:AWS::Region}:${Ref:AWS::AccountId}:execution:shop-staging-rollback:*",
            "arn:${Ref:AWS::Partition}:states:${Ref:AWS::Region}:${Ref:AWS::AccountId}:execution:shop-staging-recovery:*",
        }, resources);
    }
}
