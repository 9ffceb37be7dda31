using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Deploy.Constructs;
using Deploy.Contracts;
using Deploy.Infrastructure.Tests.TestSupport;
using Deploy.UpdateGuard;

namespace Deploy.Infrastructure.Tests;

/// <summary>
/// What a later <c>cdk deploy</c> does to a fleet: the same fleet synthesized before and after a change, compared the way
/// CloudFormation compares them (a resource whose properties are identical is not updated), with the update guard's own
/// decision over the two templates' guard properties.
/// </summary>
public class BlueGreenFleetStackUpdateTests
{
    private const string OtherAmi = "ami-0fedcba9876543210";

    private static TemplateJson Fleet(Func<BlueGreenFleetProps, BlueGreenFleetProps>? change = null, Action<Stack, BlueGreenFleet>? after = null)
    {
        var stack = TestStacks.NewStack();
        var fleet = TestStacks.NewFleet(stack, change);
        after?.Invoke(stack, fleet);
        return TemplateJson.Of(stack);
    }

    private static Dictionary<string, string> Resources(TemplateJson template, string type) =>
        template.Resources(type).ToDictionary(r => r.Key, r => r.Value.ToJsonString());

    private static JsonObject GuardProperties(TemplateJson template) =>
        template.OnlyResource(UpdateGuardProperties.ResourceType)["Properties"]!.AsObject();

    private static JsonNode Call(TemplateJson template, string type, string call) =>
        JsonNode.Parse(TemplateJson.Flatten(template.OnlyResource(type)["Properties"]![call]!))!;

    /// <summary>The guard's answer when CloudFormation updates it from <paramref name="before"/> to <paramref name="after"/>.</summary>
    private static CustomResourceResponse GuardDecision(TemplateJson before, TemplateJson after) => UpdateGuardRules.Decide(new CustomResourceRequest
    {
        RequestType = "Update",
        ResponseUrl = "https://example.invalid/response",
        StackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/Test/1",
        RequestId = "1",
        LogicalResourceId = before.Resources(UpdateGuardProperties.ResourceType).Single().Key,
        PhysicalResourceId = "guard",
        OldResourceProperties = (JsonObject)GuardProperties(before).DeepClone(),
        ResourceProperties = (JsonObject)GuardProperties(after).DeepClone(),
    });

    [Fact]
    public void CdkDeploy_LaunchTemplateDataChanged_GroupsGuardAndInitialCapacityUnchanged()
    {
        // Arrange: the base image, the instance type and the user data change in CDK.
        var before = Fleet();
        var after = Fleet(p => p with
        {
            MachineImage = MachineImage.GenericLinux(new Dictionary<string, string> { ["us-east-1"] = OtherAmi }),
            InstanceType = new InstanceType("m7g.large"),
            UserData = UserData.Custom("#!/bin/bash\necho v2"),
        });

        // Act
        var dataBefore = before.OnlyResource("AWS::EC2::LaunchTemplate")["Properties"]!["LaunchTemplateData"]!;
        var dataAfter = after.OnlyResource("AWS::EC2::LaunchTemplate")["Properties"]!["LaunchTemplateData"]!;

        // Assert: CloudFormation makes a new version of the template (its data changed) that no group uses: the groups, the
        // guard and the create-only initial capacity are identical, so CloudFormation sends them nothing.
        Assert.Equal("m7g.large", dataAfter["InstanceType"]!.GetValue<string>());
        // The image comes from the template's AMI map (MachineImage.GenericLinux).
        Assert.Contains(OtherAmi, after.Root["Mappings"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(OtherAmi, before.Root["Mappings"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.NotEqual(dataBefore["UserData"]?.ToJsonString(), dataAfter["UserData"]!.ToJsonString());
        Assert.NotEqual(dataBefore.ToJsonString(), dataAfter.ToJsonString());
        Assert.Equal(Resources(before, "AWS::AutoScaling::AutoScalingGroup"), Resources(after, "AWS::AutoScaling::AutoScalingGroup"));
        Assert.Equal(GuardProperties(before).ToJsonString(), GuardProperties(after).ToJsonString());
        Assert.Equal(Resources(before, "Custom::InitialCapacity"), Resources(after, "Custom::InitialCapacity"));
        Assert.Equal(Resources(before, "Custom::WeightedListenerRule"), Resources(after, "Custom::WeightedListenerRule"));
    }

    [Fact]
    public void CdkDeploy_MaxCapacityAndWarmupChanged_GroupsUnchangedSettingsApplyThemWithoutLaunchTemplate()
    {
        var before = Fleet();
        var after = Fleet(p => p with { MaxCapacity = 12, InstanceWarmup = Duration.Minutes(1) });

        var settings = after.Resources("Custom::GroupSettings").Select(s => JsonNode.Parse(TemplateJson.Flatten(s.Value["Properties"]!["Update"]!))!["parameters"]!).ToList();

        Assert.Equal(Resources(before, "AWS::AutoScaling::AutoScalingGroup"), Resources(after, "AWS::AutoScaling::AutoScalingGroup"));
        Assert.Equal(GuardProperties(before).ToJsonString(), GuardProperties(after).ToJsonString());
        Assert.Equal(2, settings.Count);
        Assert.All(settings, s =>
        {
            // UpdateAutoScalingGroup changes only what it names: never the launch template, the desired or minimum size.
            Assert.Equal(["AutoScalingGroupName", "MaxSize", "HealthCheckGracePeriod"], s.AsObject().Select(p => p.Key));
            Assert.Equal((12, 60), (s["MaxSize"]!.GetValue<int>(), s["HealthCheckGracePeriod"]!.GetValue<int>()));
        });
    }

    [Fact]
    public void CdkDeploy_StackTagAdded_GroupsUnchangedTagsAppliedByCreateOrUpdateTags()
    {
        var before = Fleet();
        var after = Fleet(after: (stack, _) => Tags.Of(stack).Add("CostCenter", "42"));

        var blueTags = after.Resources("Custom::GroupTags").Select(t => JsonNode.Parse(TemplateJson.Flatten(t.Value["Properties"]!["Update"]!))!)
            .Single(t => t["parameters"]!["Tags"]!.AsArray().Any(tag => tag!["Value"]!.GetValue<string>() == "blue"));

        Assert.Equal(Resources(before, "AWS::AutoScaling::AutoScalingGroup"), Resources(after, "AWS::AutoScaling::AutoScalingGroup"));
        Assert.All(after.Resources("AWS::AutoScaling::AutoScalingGroup"), g => Assert.Null(g.Value["Properties"]!["Tags"]));
        Assert.Equal("createOrUpdateTags", blueTags["action"]!.GetValue<string>());
        Assert.Equal(
            ["CostCenter=42 propagated", "deploy:color=blue propagated"],
            blueTags["parameters"]!["Tags"]!.AsArray().Select(t => $"{t!["Key"]}={t["Value"]}{(t["PropagateAtLaunch"]!.GetValue<bool>() ? " propagated" : "")}"));
        Assert.All(blueTags["parameters"]!["Tags"]!.AsArray(), t => Assert.Equal("auto-scaling-group", t!["ResourceType"]!.GetValue<string>()));
    }

    [Fact]
    public void CdkDeploy_RulePriorityAndPathsChanged_AppliedInPlaceWithoutTheActionsAndAccepted()
    {
        var before = Fleet();
        var after = Fleet(p => p with { RulePriority = 7, PathPatterns = new[] { "/shop/*" } });

        var modify = Call(after, "Custom::WeightedListenerRule", "Update");
        var priority = Call(after, "Custom::WeightedListenerRulePriority", "Update");
        var decision = GuardDecision(before, after);

        // Same rule resource (no second rule); its update changes the conditions only, the priority resource sets the priority.
        Assert.Equal(before.Resources("Custom::WeightedListenerRule").Single().Key, after.Resources("Custom::WeightedListenerRule").Single().Key);
        Assert.Equal("modifyRule", modify["action"]!.GetValue<string>());
        Assert.Null(modify["parameters"]!["Actions"]);
        Assert.Equal(["/shop/*"], TemplateJson.Strings(ByName.Element(modify["parameters"]!["Conditions"], "Field", "path-pattern")["PathPatternConfig"]!["Values"]));
        Assert.Equal("setRulePriorities", priority["action"]!.GetValue<string>());
        Assert.Equal(7, Assert.Single(priority["parameters"]!["RulePriorities"]!.AsArray())!["Priority"]!.GetValue<int>());
        Assert.Equal(CustomResourceResponse.Success, decision.Status);
        Assert.Equal(Resources(before, "AWS::AutoScaling::AutoScalingGroup"), Resources(after, "AWS::AutoScaling::AutoScalingGroup"));
    }

    [Fact]
    public void CdkDeploy_RuleLogicalIdChanged_GuardRefusesBeforeTheNewRuleIsCreated()
    {
        // Arrange: an escape hatch gives the rule a new logical id; CloudFormation would create a second rule (100 % blue).
        var before = Fleet();
        var after = Fleet(after: (_, fleet) =>
            ((CfnResource)fleet.Node.FindChild("WeightedRule").Node.FindChild("Resource").Node.FindChild("Resource").Node.DefaultChild!).OverrideLogicalId("FleetWeightedRuleV2"));

        // Act
        var decision = GuardDecision(before, after);

        // Assert: refused with the way back, and the new rule waits for the guard, so it is never created.
        var guard = after.Resources(UpdateGuardProperties.ResourceType).Single().Key;
        Assert.Equal(CustomResourceResponse.Failed, decision.Status);
        Assert.Equal(
            "BlueGreenFleet Test/Fleet refused this stack update, which CloudFormation rolls back: "
            + "WeightedRule.LogicalId would change from \"FleetWeightedRuleFDBAC33E\" to \"FleetWeightedRuleV2\". "
            + "The weighted rule's logical id is fixed when the fleet is created: with a new one CloudFormation would create a second rule at 100 % blue / 0 % green "
            + "and then delete the live one, moving traffic to blue whatever color is live. Give the rule its logical id back (remove the override, or call "
            + "OverrideLogicalId with the old id on Test/Fleet/WeightedRule/Resource/Resource/Default). RulePriority and PathPatterns changes need no new rule: "
            + "cdk deploy applies them in place.",
            decision.Reason);
        Assert.Contains(guard, TemplateJson.Strings(after.Root["Resources"]!["FleetWeightedRuleV2"]!["DependsOn"]));
    }

    [Fact]
    public void CdkDeploy_ImportedLaunchTemplateReplacedByAnother_GuardRefuses()
    {
        static BlueGreenFleetProps Imported(BlueGreenFleetProps p, Stack stack, string id) => p with
        {
            MachineImage = null,
            LaunchTemplate = LaunchTemplate.FromLaunchTemplateAttributes(stack, "Imported", new LaunchTemplateAttributes { LaunchTemplateId = id, VersionNumber = "4" }),
        };

        var beforeStack = TestStacks.NewStack();
        TestStacks.NewFleet(beforeStack, p => Imported(p, beforeStack, "lt-0aaaaaaaaaaaaaaaa"));
        var afterStack = TestStacks.NewStack();
        TestStacks.NewFleet(afterStack, p => Imported(p, afterStack, "lt-0bbbbbbbbbbbbbbbb"));

        var decision = GuardDecision(TemplateJson.Of(beforeStack), TemplateJson.Of(afterStack));

        Assert.Equal(CustomResourceResponse.Failed, decision.Status);
        Assert.StartsWith(
            "BlueGreenFleet Test/Fleet refused this stack update, which CloudFormation rolls back: Groups.LaunchTemplate would change from "
            + "{\"LaunchTemplateId\":\"lt-0aaaaaaaaaaaaaaaa\",\"Version\":\"1\"} to {\"LaunchTemplateId\":\"lt-0bbbbbbbbbbbbbbbb\",\"Version\":\"1\"}. "
            + "A fleet's launch template is fixed when it is created. CloudFormation would update the live Auto Scaling group",
            decision.Reason, StringComparison.Ordinal);
        Assert.EndsWith("create a new fleet (another construct id) beside this one, deploy to it and move traffic to it, then remove this one.", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CdkDeploy_InstanceSubnetsChanged_GuardRefusesNamingTheSubnets()
    {
        var before = Fleet();
        var after = Fleet(p => p with { InstanceSubnets = new SubnetSelection { SubnetType = SubnetType.PUBLIC } });

        var decision = GuardDecision(before, after);

        Assert.Equal(CustomResourceResponse.Failed, decision.Status);
        Assert.Contains("Groups.VPCZoneIdentifier would change from [{\"Ref\":\"VpcPrivateSubnet1Subnet536B997A\"},", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("The groups' subnets are fixed when the fleet is created.", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CdkDeploy_ImportedVersionChanged_GroupsUnchangedAndTheDeploymentSourceFollows()
    {
        static (TemplateJson Template, string Source) Imported(string version)
        {
            var stack = TestStacks.NewStack();
            var fleet = TestStacks.NewFleet(stack, p => p with
            {
                MachineImage = null,
                LaunchTemplate = LaunchTemplate.FromLaunchTemplateAttributes(stack, "Imported", new LaunchTemplateAttributes { LaunchTemplateId = "lt-0aaaaaaaaaaaaaaaa", VersionNumber = version }),
            });
            return (TemplateJson.Of(stack), fleet.SourceLaunchTemplateVersion);
        }

        var (before, sourceBefore) = Imported("4");
        var (after, sourceAfter) = Imported("5");

        Assert.Equal(("4", "5"), (sourceBefore, sourceAfter));
        Assert.Equal(Resources(before, "AWS::AutoScaling::AutoScalingGroup"), Resources(after, "AWS::AutoScaling::AutoScalingGroup"));
        Assert.Equal(CustomResourceResponse.Success, GuardDecision(before, after).Status);
        // Blue started on the version given at creation (a create-only call: a later change is not applied by CloudFormation).
        Assert.Equal("4", Call(before, "Custom::InitialCapacity", "Create")["parameters"]!["LaunchTemplate"]!["Version"]!.GetValue<string>());
    }

    [Fact]
    public void Constructor_LaunchTemplateOfTheApp_DeploymentsStartFromItsLatestCloudFormationVersion()
    {
        var stack = TestStacks.NewStack();
        var own = new LaunchTemplate(stack, "Own", new LaunchTemplateProps
        {
            MachineImage = MachineImage.GenericLinux(new Dictionary<string, string> { ["us-east-1"] = OtherAmi }),
            InstanceType = new InstanceType("t3.micro"),
        });

        var fleet = TestStacks.NewFleet(stack, p => p with { MachineImage = null, LaunchTemplate = own });

        var ownId = TemplateJson.Of(stack).Resources("AWS::EC2::LaunchTemplate").Single().Key;
        Assert.StartsWith("Own", ownId, StringComparison.Ordinal);
        Assert.Equal($"{{\"Fn::GetAtt\":[\"{ownId}\",\"LatestVersionNumber\"]}}", System.Text.Json.JsonSerializer.Serialize(stack.Resolve(fleet.SourceLaunchTemplateVersion)));
    }

    [Fact]
    public void Constructor_Guard_MirrorsEveryGroupPropertyAndTheRuleAndBothDependOnIt()
    {
        var template = TestStacks.DefaultTemplate;
        var (guardId, guard) = template.Resources(UpdateGuardProperties.ResourceType).Single();
        var fields = guard["Properties"]![UpdateGuardProperties.Fields]!;
        var advice = guard["Properties"]![UpdateGuardProperties.Advice]!.AsObject();
        var function = template.Root["Resources"]![guard["Properties"]!["ServiceToken"]!["Fn::GetAtt"]![0]!.GetValue<string>()]!["Properties"]!;

        foreach (var (color, group) in template.Resources("AWS::AutoScaling::AutoScalingGroup").Select(g => (g.Key.StartsWith("FleetBlue", StringComparison.Ordinal) ? "Blue" : "Green", g.Value)))
        {
            // Every CloudFormation property of the group is guarded: nothing in it can change without the guard refusing.
            var properties = group["Properties"]!.AsObject();
            var settings = fields["Groups.Settings"]!.AsObject();
            var mirrored = new JsonObject
            {
                ["HealthCheckGracePeriod"] = settings["HealthCheckGracePeriod"]!.DeepClone(),
                ["HealthCheckType"] = settings["HealthCheckType"]!.DeepClone(),
                ["LaunchTemplate"] = fields["Groups.LaunchTemplate"]!.DeepClone(),
                ["MaxSize"] = settings["MaxSize"]!.DeepClone(),
                ["MinSize"] = settings["MinSize"]!.DeepClone(),
                ["TargetGroupARNs"] = new JsonArray(fields["TargetGroups"]![color]!.DeepClone()),
                ["VPCZoneIdentifier"] = fields["Groups.VPCZoneIdentifier"]!.DeepClone(),
            };
            Assert.Equal(mirrored.ToJsonString(), properties.ToJsonString());
            Assert.Contains(guardId, TemplateJson.Strings(group["DependsOn"]));
        }

        var rule = template.Resources("Custom::WeightedListenerRule").Single();
        Assert.Equal(rule.Key, fields["WeightedRule.LogicalId"]!.GetValue<string>());
        Assert.Contains(guardId, TemplateJson.Strings(rule.Value["DependsOn"]));
        Assert.Equal(fields.AsObject().Select(f => f.Key), advice.Select(a => a.Key));
        Assert.Equal(("dotnet10", "Deploy.UpdateGuard::Deploy.UpdateGuard.Function::Handler"), (function["Runtime"]!.GetValue<string>(), function["Handler"]!.GetValue<string>()));
    }
}
