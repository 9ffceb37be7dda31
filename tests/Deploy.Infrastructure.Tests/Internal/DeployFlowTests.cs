using System.Text.Json.Nodes;
using Deploy.Constructs;
using Deploy.Contracts;
using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests.Internal;

public class DeployFlowTests
{
    private static (JsonObject States, TemplateJson Template) Deploy(DeploymentConfiguration? configuration = null)
    {
        var template = configuration is null ? TestStacks.DefaultTemplate : Synthesize(configuration);
        return (template.Definition("PipelineDeploy")["States"]!.AsObject(), template);
    }

    private static TemplateJson Synthesize(DeploymentConfiguration configuration)
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewPipeline(stack, configuration);
        return TemplateJson.Of(stack);
    }

    private static string Next(JsonObject states, string state) => states[state]!["Next"]!.GetValue<string>();

    [Fact]
    public void Definition_Start_ValidatesRequestWithHandlerBeforeTouchingAnything()
    {
        var (states, template) = Deploy(new DeploymentConfiguration { DefaultStrategy = global::Deploy.Contracts.DeploymentStrategy.Canary, CanaryPercentage = 15 });
        var validate = template.Resources("AWS::Lambda::Function").Single(f => f.Key.StartsWith("PipelineValidateRequest", StringComparison.Ordinal)).Key;

        var first = states["ValidateRequest"]!;

        Assert.Equal("ValidateRequest", states["DeployOrRetire"]!["Default"]!.GetValue<string>());
        Assert.Equal($"${{{validate}.Arn}}", first["Resource"]!.GetValue<string>());
        Assert.Equal("Canary", first["Parameters"]!["defaults"]!["strategy"]!.GetValue<string>());
        Assert.Equal(15, first["Parameters"]!["defaults"]!["canaryPercentage"]!.GetValue<int>());
        var valid = ByName.Rule(states["RequestValid"], "AcquireLock");
        Assert.Equal("$.validation.error", valid["Variable"]!.GetValue<string>());
        Assert.True(valid["IsNull"]!.GetValue<bool>());
        Assert.Equal("NotifyRejected", states["RequestValid"]!["Default"]!.GetValue<string>());
        Assert.Equal("$.validation.error.name", states["RequestRejected"]!["ErrorPath"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_LockHeld_FailsDeploymentInProgressWithoutChanges()
    {
        var (states, _) = Deploy();

        var acquire = states["AcquireLock"]!;

        Assert.Equal("arn:${Ref:AWS::Partition}:states:::dynamodb:updateItem", acquire["Resource"]!.GetValue<string>());
        Assert.Equal("attribute_not_exists(lockedBy)", acquire["Parameters"]!["ConditionExpression"]!.GetValue<string>());
        Assert.Equal("shop#staging", acquire["Parameters"]!["Key"]!["pk"]!["S"]!.GetValue<string>());
        Assert.Equal("STATE", acquire["Parameters"]!["Key"]!["sk"]!["S"]!.GetValue<string>());
        var caught = ByName.Catcher(acquire, "DynamoDB.ConditionalCheckFailedException");
        Assert.Equal("[\"DynamoDB.ConditionalCheckFailedException\"]", caught["ErrorEquals"]!.ToJsonString());
        // The refusal reads the holder back (consistent GetItem) and names it; without a holder it says so unnamed.
        Assert.Equal("ReadLockHolder", caught["Next"]!.GetValue<string>());
        Assert.True(states["ReadLockHolder"]!["Parameters"]!["ConsistentRead"]!.GetValue<bool>());
        Assert.Equal("NotifyInProgress", Next(states, "ReadLockHolder"));
        var known = states[Next(states, "NotifyInProgress")]!;
        var holderRead = Assert.Single(known["Choices"]!.AsArray())!;
        Assert.Equal("$.lockHolder.Item.lockedBy.S", holderRead["Variable"]!.GetValue<string>());
        Assert.True(holderRead["IsPresent"]!.GetValue<bool>());
        var named = states[holderRead["Next"]!.GetValue<string>()]!;
        var unnamed = states[known["Default"]!.GetValue<string>()]!;
        Assert.Equal(DeployErrors.DeploymentInProgress, named["Error"]!.GetValue<string>());
        Assert.StartsWith("States.Format('{} holds the lock of shop/staging; nothing was changed.", named["CausePath"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("', $.lockHolder.Item.lockedBy.S)", named["CausePath"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(DeployErrors.DeploymentInProgress, unnamed["Error"]!.GetValue<string>());
        Assert.Equal(known["Default"]!.GetValue<string>(), ByName.Catcher(states["ReadLockHolder"], "States.ALL")["Next"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_FailureBeforeIdleTouched_ReleasesLockNotifiesOnceAndFails()
    {
        var (states, _) = Deploy();

        foreach (var name in new[] { "ValidateRequest", "ReadWeights", "DescribeLiveGroup", "DescribeIdleGroup", "CreateLaunchTemplateVersion", "WriteDeploymentRecord", "RecordDeployingColor" })
        {
            Assert.Equal("ReleaseLockOnFailure", ByName.Catcher(states[name], "States.ALL")["Next"]!.GetValue<string>());
        }

        Assert.Equal("ReleaseLockOnFailure", ByName.Catcher(states["AcquireLock"], "States.ALL")["Next"]!.GetValue<string>());
        Assert.Equal("NotifyFailed", Next(states, "ReleaseLockOnFailure"));
        // Best effort: a failing release or notification still ends in the failure, with its error.
        Assert.Equal("NotifyFailed", ByName.Catcher(states["ReleaseLockOnFailure"], "States.ALL")["Next"]!.GetValue<string>());
        Assert.Equal("CountFailed", ByName.Catcher(states["NotifyFailed"], "States.ALL")["Next"]!.GetValue<string>());
        Assert.Equal("DeploymentFailed", ByName.Catcher(states["CountFailed"], "States.ALL")["Next"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_AllTrafficOnAColorTheRecordDoesNotVouchFor_RefusesBeforeChangingAnything()
    {
        var (states, _) = Deploy();

        var choices = states["WhichColorIsLive"]!["Choices"]!.AsArray();
        // In this order: all traffic on a color the record vouches for is tested before all traffic on any color.
        Assert.Equal(new[] { "BlueIsLive", "GreenIsLive", "TrafficOnUnverifiedColor" }, choices.Select(c => c!["Next"]!.GetValue<string>()));
        // Live when the record names no live color, names this one, or names it the warm previous color.
        var blue = ByName.Rule(states["WhichColorIsLive"], "BlueIsLive").ToJsonString();
        Assert.Contains("{\"Not\":{\"Variable\":\"$.lock.Attributes.liveColor.S\",\"IsPresent\":true}}", blue, StringComparison.Ordinal);
        Assert.Contains("{\"Variable\":\"$.lock.Attributes.liveColor.S\",\"StringEquals\":\"blue\"}", blue, StringComparison.Ordinal);
        Assert.Contains("{\"Variable\":\"$.lock.Attributes.previousColor.S\",\"StringEquals\":\"blue\"}", blue, StringComparison.Ordinal);
        Assert.Contains("{\"Variable\":\"$.lock.Attributes.previousWarm.BOOL\",\"BooleanEquals\":true}", blue, StringComparison.Ordinal);
        Assert.Equal("SplitTrafficPolicy", states["WhichColorIsLive"]!["Default"]!.GetValue<string>());

        var refusal = states["TrafficOnUnverifiedColor"]!;
        Assert.Equal(DeployErrors.TrafficOnUnverifiedColor, refusal["Parameters"]!["Error"]!.GetValue<string>());
        Assert.Equal("$.failure", refusal["ResultPath"]!.GetValue<string>());
        Assert.Equal("ReleaseLockOnFailure", Next(states, "TrafficOnUnverifiedColor"));
    }

    [Fact]
    public void Definition_Notifications_NeverChangeTheOutcome()
    {
        var (states, _) = Deploy();

        foreach (var (name, next) in new[] { ("NotifyStarted", "CountStarted"), ("NotifyTrafficShifted", "LastTrafficStep"), ("NotifyRolledBack", "DescribeFailedGroup"), ("NotifySucceededWithWarnings", "DeployedWithWarnings") })
        {
            Assert.Equal(next, Next(states, name));
            Assert.Equal(next, ByName.Catcher(states[name], "States.ALL")["Next"]!.GetValue<string>());
        }
        Assert.Equal("attribute_not_exists(lockedBy) OR lockedBy = :me", states["ReleaseLockOnFailure"]!["Parameters"]!["ConditionExpression"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_FromPinningTheIdleGroup_EveryFailureRollsBack()
    {
        var (states, _) = Deploy(new DeploymentConfiguration { ApprovalRequired = true });

        foreach (var name in new[] { "PinAndScaleIdleGroup", "ProbeBeforeTraffic", "AwaitApproval", "ShiftTrafficToBlue", "ShiftTrafficToGreen", "ReadShiftedWeights", "ProbeBetweenSteps", "ProbeDuringBake", "ReadFinalWeights", "RecordNewLiveColor" })
        {
            Assert.Equal("RollBackToLiveColor", ByName.Catcher(states[name], "States.ALL")["Next"]!.GetValue<string>());
        }

        var unhealthy = ByName.Rule(states["IdleColorHealthy"], "RollBackToLiveColor");
        Assert.Equal(("$.verdict.status", "Unhealthy"), (unhealthy["Variable"]!.GetValue<string>(), unhealthy["StringEquals"]!.GetValue<string>()));
        Assert.Equal("RollBackToLiveColor", states["HealthPollsLeft"]!["Default"]!.GetValue<string>());
        var unhealthyDuringBake = ByName.Rule(states["HealthyDuringBake"], "RollBackToLiveColor");
        Assert.Equal(("$.verdict.status", "Unhealthy"), (unhealthyDuringBake["Variable"]!.GetValue<string>(), unhealthyDuringBake["StringEquals"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("blue", "RestoreTrafficToBlue", 100, 0)]
    [InlineData("green", "RestoreTrafficToGreen", 0, 100)]
    public void Definition_Rollback_RestoresWeightsInTwoStatesWithoutLambda(string live, string restore, int blue, int green)
    {
        var (states, template) = Deploy();

        var choice = states["RollBackToLiveColor"]!;
        var toBlue = Assert.Single(choice["Choices"]!.AsArray())!;
        Assert.Equal(("$.colors.live", "blue"), (toBlue["Variable"]!.GetValue<string>(), toBlue["StringEquals"]!.GetValue<string>()));
        var target = live == "blue" ? toBlue["Next"]!.GetValue<string>() : choice["Default"]!.GetValue<string>();
        var groups = ByName.Element(states[restore]!["Parameters"]!["Actions"], "Type", "forward")["ForwardConfig"]!["TargetGroups"];
        var blueGroup = template.LogicalId("AWS::ElasticLoadBalancingV2::TargetGroup", "FleetBlue");
        var greenGroup = template.LogicalId("AWS::ElasticLoadBalancingV2::TargetGroup", "FleetGreen");

        Assert.Equal("Choice", choice["Type"]!.GetValue<string>());
        Assert.Equal(restore, target);
        Assert.EndsWith(":states:::aws-sdk:elasticloadbalancingv2:modifyRule", states[restore]!["Resource"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, groups!.AsArray().Count);
        Assert.Equal(blue, ByName.Element(groups, "TargetGroupArn", $"${{Ref:{blueGroup}}}")["Weight"]!.GetValue<int>());
        Assert.Equal(green, ByName.Element(groups, "TargetGroupArn", $"${{Ref:{greenGroup}}}")["Weight"]!.GetValue<int>());
        Assert.Equal("ReadRestoredWeights", Next(states, restore));
    }

    [Fact]
    public void Definition_RolledBack_FailsWithCauseSayingRolledBackAndWhy()
    {
        var (states, _) = Deploy();

        var rolledBack = states["RolledBack"]!;

        Assert.Equal(DeployErrors.RolledBack, rolledBack["Error"]!.GetValue<string>());
        Assert.Equal("States.Format('Rolled back: 100% of traffic is on {} again. Reason: {} ({})', $.colors.live, $.rollback.reason, $.rollback.detail)", rolledBack["CausePath"]!.GetValue<string>());
        Assert.Equal(DeployErrors.HealthCheckFailed, states["HealthCheckFailed"]!["Parameters"]!["reason"]!.GetValue<string>());
        Assert.Equal(DeployErrors.DeploymentTimedOut, states["DeploymentTimedOut"]!["Parameters"]!["reason"]!.GetValue<string>());
        Assert.Equal(DeployErrors.ApprovalRejected, states["ApprovalTimedOut"]!["Parameters"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_RollbackFailed_RecordsTheFailedColorAsTheColdPreviousOneAndReleasesTheLock()
    {
        var (states, _) = Deploy();

        Assert.Equal("RecordRollbackFailed", Next(states, "NotifyRollbackFailed"));
        var record = states["RecordRollbackFailed"]!["Parameters"]!;
        Assert.Equal("SET previousColor = :idle, previousWarm = :false, revertGroup = :group, revertLaunchTemplateVersion = :revertLt, revertMinSize = :min, "
            + "revertMaxSize = :max, revertDesiredCapacity = :desired, rollbackFailedBy = :me REMOVE lockedBy, deployingColor, deploymentRecord, rollbackRequestedBy",
            record["UpdateExpression"]!.GetValue<string>());
        Assert.Equal("$.colors.idle", record["ExpressionAttributeValues"]![":idle"]!["S.$"]!.GetValue<string>());
        Assert.Equal("$.idleGroup.group.LaunchTemplate.Version", record["ExpressionAttributeValues"]![":revertLt"]!["S.$"]!.GetValue<string>());
        Assert.Equal("attribute_not_exists(lockedBy) OR lockedBy = :me", record["ConditionExpression"]!.GetValue<string>());
        // Refused: the lock is still released on its own; either way the failure is counted and the execution fails loudly.
        Assert.Equal("ReleaseLockAfterFailedRollback", ByName.Catcher(states["RecordRollbackFailed"], "States.ALL")["Next"]!.GetValue<string>());
        Assert.Equal("CountRollbackFailed", Next(states, "RecordRollbackFailed"));
        Assert.Equal("CountRollbackFailed", Next(states, "ReleaseLockAfterFailedRollback"));
        Assert.Equal(DeployErrors.RollbackFailed, states["RollbackFailed"]!["Error"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_Retire_RecordsThePreviousColorNotWarmBeforeScalingItInAndKeepsItAfterAFailedRollback()
    {
        var (states, _) = Deploy();

        Assert.EndsWith("AND attribute_not_exists(rollbackFailedBy)", states["LockForRetire"]!["Parameters"]!["ConditionExpression"]!.GetValue<string>(), StringComparison.Ordinal);
        // For either color: the previous color is retired only while it takes no traffic (its weight 0).
        var stillIdle = states["PreviousStillIdle"]!["Choices"]!.AsArray();
        Assert.Equal(2, stillIdle.Count);
        Assert.All(stillIdle, rule => Assert.Equal("MarkPreviousNotWarm", rule!["Next"]!.GetValue<string>()));
        Assert.All(stillIdle, rule => Assert.Contains(".Weight\",\"NumericEquals\":0}", rule!.ToJsonString(), StringComparison.Ordinal));
        Assert.Equal("SET previousWarm = :false", states["MarkPreviousNotWarm"]!["Parameters"]!["UpdateExpression"]!.GetValue<string>());
        Assert.Equal("ScaleDownPreviousColor", Next(states, "MarkPreviousNotWarm"));
        Assert.Equal("RecordPreviousRetired", Next(states, "ScaleDownPreviousColor"));
        // A refused scale-in leaves the color as warm as it was, and the record says so again.
        var refused = ByName.Catcher(states["ScaleDownPreviousColor"], "States.ALL")["Next"]!.GetValue<string>();
        Assert.Equal("ReleaseRetireLockStillWarm", refused);
        Assert.StartsWith("SET previousWarm = :true REMOVE lockedBy", states[refused]!["Parameters"]!["UpdateExpression"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Definition_HealthDeadline_IsCountedInPolls()
    {
        var (states, _) = Deploy(new DeploymentConfiguration
        {
            GracePeriod = Amazon.CDK.Duration.Minutes(5),
            DeploymentTimeout = Amazon.CDK.Duration.Minutes(20),
            HealthPollInterval = Amazon.CDK.Duration.Seconds(30),
        });

        Assert.Equal(300, states["GracePeriod"]!["Seconds"]!.GetValue<int>());
        Assert.Equal(30, states["StartCounters"]!["Parameters"]!["polls"]!.GetValue<int>());
        Assert.Equal(30, states["WaitForHealth"]!["Seconds"]!.GetValue<int>());
        Assert.Equal("States.MathAdd($.counters.polls, -1)", states["CountHealthPoll"]!["Parameters"]!["polls.$"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_ApprovalNotRequired_HasNoApprovalState()
    {
        var (states, _) = Deploy(new DeploymentConfiguration { ApprovalRequired = false });

        Assert.Null(states["AwaitApproval"]);
        var healthy = ByName.Rule(states["IdleColorHealthy"], "StartTrafficShift");
        Assert.Equal(("$.verdict.status", "Healthy"), (healthy["Variable"]!.GetValue<string>(), healthy["StringEquals"]!.GetValue<string>()));
    }

    [Fact]
    public void Definition_ApprovalRequired_WaitsForTaskTokenWithTimeout()
    {
        var (states, _) = Deploy(new DeploymentConfiguration { ApprovalRequired = true, ApprovalTimeout = Amazon.CDK.Duration.Minutes(45) });

        var approval = states["AwaitApproval"]!;

        Assert.EndsWith(":states:::sns:publish.waitForTaskToken", approval["Resource"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2700, approval["TimeoutSeconds"]!.GetValue<int>());
        Assert.Equal("$$.Task.Token", approval["Parameters"]!["Message"]!["taskToken.$"]!.GetValue<string>());
        // Traffic moves only on a verdict taken after the approval, not on the one that asked for it.
        Assert.Equal("ProbeAfterApproval", approval["Next"]!.GetValue<string>());
        var still = states["StillHealthyAfterApproval"]!;
        var stillHealthy = ByName.Rule(still, "StartTrafficShift");
        Assert.Equal(("$.verdict.status", "Healthy"), (stillHealthy["Variable"]!.GetValue<string>(), stillHealthy["StringEquals"]!.GetValue<string>()));
        Assert.Equal("MarkNotHealthyAfterApproval", still["Default"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_Bake60Minutes_ChecksOncePerMinute()
    {
        var (states, _) = Deploy(new DeploymentConfiguration { BakeTime = Amazon.CDK.Duration.Minutes(60) });

        Assert.Equal(60, states["StartBake"]!["Parameters"]!["bakeChecks"]!.GetValue<int>());
        Assert.Equal(60, states["Bake"]!["Seconds"]!.GetValue<int>());
    }

    [Fact]
    public void Definition_Success_RecordsNewLiveColorAndReleasesLockInOneWrite()
    {
        var (states, _) = Deploy();

        var record = states["RecordNewLiveColor"]!["Parameters"]!;

        Assert.StartsWith("SET liveColor = :new,", record["UpdateExpression"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("REMOVE lockedBy, deployingColor, deploymentRecord, rollbackRequestedBy", record["UpdateExpression"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("ScheduleRetirePrevious", Next(states, "NotifySucceeded"));
        Assert.EndsWith(":stateMachine:shop-staging-deploy", states["ScheduleRetirePrevious"]!["Parameters"]!["StateMachineArn"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Definition_Probes_PassTheExecutionStartAndKeepTheMeasuredElapsedSeconds()
    {
        var (states, _) = Deploy(new DeploymentConfiguration { ApprovalRequired = true });

        foreach (var name in new[] { "ProbeBeforeTraffic", "ProbeAfterApproval", "ProbeBetweenSteps", "ProbeDuringBake" })
        {
            var probe = states[name]!;
            Assert.Equal("$$.Execution.StartTime", probe["Parameters"]!["Input"]!["deploymentStartedAt.$"]!.GetValue<string>());
            Assert.Equal("$.Output.elapsedSeconds", probe["ResultSelector"]!["elapsedSeconds.$"]!.GetValue<string>());
            Assert.Equal("$.verdict", probe["ResultPath"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Definition_Success_PublishesAndRecordsTheDurationTheLastBakeProbeMeasured()
    {
        var (states, _) = Deploy(new DeploymentConfiguration { ApprovalRequired = true });

        var duration = states["CountSucceeded"]!["Parameters"]!["MetricData"]!.AsArray()
            .Single(d => d!["MetricName"]!.GetValue<string>() == "DeploymentDuration")!;
        var record = states["RecordSucceeded"]!["Parameters"]!;

        // Measured (approval wait included), not the counted clock of the waits.
        Assert.Equal("$.verdict.elapsedSeconds", duration["Value.$"]!.GetValue<string>());
        Assert.Equal("Seconds", duration["Unit"]!.GetValue<string>());
        Assert.Equal("SET #s = :s, finishedAt = :at, durationSeconds = :d", record["UpdateExpression"]!.GetValue<string>());
        Assert.Equal("States.Format('{}', $.verdict.elapsedSeconds)", record["ExpressionAttributeValues"]![":d"]!["N.$"]!.GetValue<string>());
        // The verdict is the last bake probe's: every success passes ProbeDuringBake at least once, then nothing else probes.
        Assert.Equal("Bake", Next(states, "StartBake"));
        Assert.Equal("ProbeDuringBake", Next(states, "Bake"));
        Assert.Equal("ReadFinalWeights", states["BakeChecksLeft"]!["Default"]!.GetValue<string>());
        Assert.Equal("RecordSucceeded", Next(states, "RecordNewLiveColor"));
        Assert.Equal("CountSucceeded", Next(states, "RecordSucceeded"));
    }

    [Fact]
    public void Definition_RolledBack_RecordsTheLargerOfTheLastVerdictsMeasureAndTheCountedWaits()
    {
        var (states, _) = Deploy();

        var choice = states["MeasuredDurationKnown"]!;
        var conditions = ByName.Rule(choice, "DurationFromLastVerdict")["And"]!.AsArray();

        Assert.Equal("$.counters", ByName.Rule(states["HasCounters"], "MeasuredDurationKnown")["Variable"]!.GetValue<string>());
        Assert.Equal("MeasuredDurationKnown", Next(states, "ZeroCounters"));
        Assert.All(conditions, c => Assert.Equal("$.verdict.elapsedSeconds", c!["Variable"]!.GetValue<string>()));
        Assert.Equal(3, conditions.Count);
        ByName.Element(conditions, "IsPresent", "true");
        ByName.Element(conditions, "IsNumeric", "true");
        ByName.Element(conditions, "NumericGreaterThanPath", "$.counters.clock");
        Assert.Single(choice["Choices"]!.AsArray());
        Assert.Equal("DurationFromCountedWaits", choice["Default"]!.GetValue<string>());
        Assert.Equal("$.verdict.elapsedSeconds", states["DurationFromLastVerdict"]!["Parameters"]!["seconds.$"]!.GetValue<string>());
        Assert.Equal("$.counters.clock", states["DurationFromCountedWaits"]!["Parameters"]!["seconds.$"]!.GetValue<string>());
        Assert.All(new[] { "DurationFromLastVerdict", "DurationFromCountedWaits" }, s => Assert.Equal("ReleaseLockAfterRollback", Next(states, s)));
        Assert.Equal("States.Format('{}', $.duration.seconds)", states["RecordRolledBack"]!["Parameters"]!["ExpressionAttributeValues"]![":d"]!["N.$"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_Prepare_MarksTheIdleColorNotWarmBeforeTouchingIt()
    {
        var (states, _) = Deploy();

        var update = states["RecordDeployingColor"]!["Parameters"]!;

        Assert.Equal("SET liveColor = :live, deployingColor = :idle, previousWarm = :false, deploymentRecord = :record", update["UpdateExpression"]!.GetValue<string>());
        Assert.False(update["ExpressionAttributeValues"]![":false"]!["BOOL"]!.GetValue<bool>());
        Assert.Equal("IdleGroupHasInstances", Next(states, "RecordDeployingColor"));
    }

    [Fact]
    public void Definition_CreateLaunchTemplateVersion_StartsFromTheCloudFormationVersionNotTheLiveGroups()
    {
        var (states, template) = Deploy();
        var launchTemplate = template.Resources("AWS::EC2::LaunchTemplate").Single().Key;

        var parameters = states["CreateLaunchTemplateVersion"]!["Parameters"]!.AsObject();

        // The CDK's current template (what CloudFormation made of it last), plus the deployment's image and tags: a CDK change
        // of the template rolls out with the next deployment. Never the live group's version (a deployment's, made from older
        // template data) nor $Latest (which can be a deployment's too).
        Assert.Equal($"${{{launchTemplate}.LatestVersionNumber}}", parameters["SourceVersion"]!.GetValue<string>());
        Assert.False(parameters.ContainsKey("SourceVersion.$"));
        Assert.Equal("$.validation.request.launchTemplateData", parameters["LaunchTemplateData.$"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_Prepare_EmptiesTheIdleGroupBeforePinningTheNewVersion()
    {
        var (states, _) = Deploy();

        var hasInstances = states["IdleGroupHasInstances"]!;
        var notEmpty = ByName.Rule(hasInstances, "ScaleInIdleGroup").ToJsonString();
        Assert.Contains("{\"Variable\":\"$.idleGroup.group.Instances[0]\",\"IsPresent\":true}", notEmpty, StringComparison.Ordinal);
        Assert.Contains("{\"Variable\":\"$.idleGroup.group.DesiredCapacity\",\"NumericGreaterThan\":0}", notEmpty, StringComparison.Ordinal);
        Assert.Equal("PinAndScaleIdleGroup", hasInstances["Default"]!.GetValue<string>());
        var scaleIn = states["ScaleInIdleGroup"]!["Parameters"]!;
        Assert.Equal(0, scaleIn["DesiredCapacity"]!.GetValue<int>());
        Assert.Equal(0, scaleIn["MinSize"]!.GetValue<int>());
        Assert.Equal("StartDrainChecks", Next(states, "ScaleInIdleGroup"));
        // 30 s deregistration delay + 5 minutes, in 15-second checks.
        Assert.Equal(22, states["StartDrainChecks"]!["Parameters"]!["left"]!.GetValue<int>());
        Assert.Equal(15, states["WaitForIdleScaleIn"]!["Seconds"]!.GetValue<int>());
        var empty = states["IdleGroupEmpty"]!;
        Assert.Equal("$.draining.group.Instances[0]", ByName.Rule(empty, "CountDrainCheck")["Variable"]!.GetValue<string>());
        Assert.Equal("PinAndScaleIdleGroup", empty["Default"]!.GetValue<string>());
        Assert.Equal(DeployErrors.IdleColorNotEmptied, states["MarkIdleNotEmptied"]!["Parameters"]!["Error"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_TrafficStep_CheckedForARollbackSignalBeforeAndAfter()
    {
        var (states, _) = Deploy();

        // Before: a conditional write, so no step starts once a rollback was signalled.
        Assert.Equal("CheckNoRollbackSignal", Next(states, "NextTrafficStep"));
        var check = states["CheckNoRollbackSignal"]!;
        Assert.Equal("lockedBy = :me AND attribute_not_exists(rollbackRequestedBy)", check["Parameters"]!["ConditionExpression"]!.GetValue<string>());
        var refusedCheck = ByName.Catcher(check, "DynamoDB.ConditionalCheckFailedException");
        Assert.Equal("[\"DynamoDB.ConditionalCheckFailedException\"]", refusedCheck["ErrorEquals"]!.ToJsonString());
        Assert.Equal("MarkRollbackRequested", refusedCheck["Next"]!.GetValue<string>());
        // After: a consistent read, for a signal that landed while the step was applied.
        Assert.Contains("\"NumericEqualsPath\":\"$.shift.step.newWeight\"", ByName.Rule(states["TrafficShiftApplied"], "ConfirmNoRollbackSignal").ToJsonString(), StringComparison.Ordinal);
        Assert.True(states["ConfirmNoRollbackSignal"]!["Parameters"]!["ConsistentRead"]!.GetValue<bool>());
        var signalled = ByName.Rule(states["RollbackSignalledDuringStep"], "MarkRollbackRequested");
        Assert.Equal("$.signal.Item.rollbackRequestedBy.S", signalled["Variable"]!.GetValue<string>());
        Assert.Equal("MarkRollbackRequested", signalled["Next"]!.GetValue<string>());
        Assert.Equal(DeployErrors.RollbackRequested, states["MarkRollbackRequested"]!["Parameters"]!["Error"]!.GetValue<string>());
        Assert.Equal("RollBackToLiveColor", Next(states, "MarkRollbackRequested"));
    }
}
