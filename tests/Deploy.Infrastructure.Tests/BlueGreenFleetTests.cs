using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Deploy.Constructs;
using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests;

public class BlueGreenFleetTests
{
    [Fact]
    public void Constructor_HealthCheckProps_AppliedToBothTargetGroups()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewFleet(stack, p => p with
        {
            HealthCheckPath = "/ready",
            HealthCheckInterval = Duration.Seconds(10),
            HealthCheckTimeout = Duration.Seconds(4),
            HealthyThresholdCount = 2,
            UnhealthyThresholdCount = 3,
            DeregistrationDelay = Duration.Seconds(15),
            TargetPort = 8080,
        });

        var groups = TemplateJson.Of(stack).Resources("AWS::ElasticLoadBalancingV2::TargetGroup").Select(g => g.Value["Properties"]!).ToList();

        Assert.Equal(2, groups.Count);
        foreach (var group in groups)
        {
            Assert.Equal("/ready", group["HealthCheckPath"]!.GetValue<string>());
            Assert.Equal(10, group["HealthCheckIntervalSeconds"]!.GetValue<int>());
            Assert.Equal(4, group["HealthCheckTimeoutSeconds"]!.GetValue<int>());
            Assert.Equal(2, group["HealthyThresholdCount"]!.GetValue<int>());
            Assert.Equal(3, group["UnhealthyThresholdCount"]!.GetValue<int>());
            Assert.Equal(8080, group["Port"]!.GetValue<int>());
            Assert.Equal("instance", group["TargetType"]!.GetValue<string>());
            var attributes = group["TargetGroupAttributes"]!.AsArray().ToDictionary(a => a!["Key"]!.GetValue<string>(), a => a!["Value"]!.GetValue<string>());
            Assert.Equal("15", attributes["deregistration_delay.timeout_seconds"]);
        }
    }

    [Fact]
    public void Constructor_DefaultProps_GroupsHaveNoDesiredCapacityAndUseElbHealthChecks()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewFleet(stack, p => p with { Capacity = 3, InstanceWarmup = Duration.Minutes(2) });

        var template = TemplateJson.Of(stack);
        var groups = template.Resources("AWS::AutoScaling::AutoScalingGroup").Select(g => g.Value["Properties"]!).ToList();
        var settings = template.Resources("Custom::GroupSettings").Select(s => JsonNode.Parse(TemplateJson.Flatten(s.Value["Properties"]!["Update"]!))!["parameters"]!).ToList();

        Assert.Equal(2, groups.Count);
        foreach (var group in groups)
        {
            // A stack update must never resize a group: no DesiredCapacity, MinSize 0; MaxSize and the grace period are
            // template constants, the real ones are applied by the group settings resources.
            Assert.Null(group["DesiredCapacity"]);
            Assert.Equal("0", group["MinSize"]!.ToString());
            Assert.Equal(BlueGreenFleet.TemplateMaxSize, group["MaxSize"]!.ToString());
            Assert.Equal("ELB", group["HealthCheckType"]!.GetValue<string>());
            Assert.Equal(BlueGreenFleet.TemplateHealthCheckGracePeriodSeconds, group["HealthCheckGracePeriod"]!.GetValue<double>());
            Assert.Single(group["TargetGroupARNs"]!.AsArray());
        }

        Assert.Equal(2, settings.Count);
        Assert.All(settings, s => Assert.Equal((6, 120), (s["MaxSize"]!.GetValue<int>(), s["HealthCheckGracePeriod"]!.GetValue<int>())));
    }

    [Fact]
    public void Constructor_DefaultProps_GroupsPinnedToNumberedLaunchTemplateVersion()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewFleet(stack);

        var template = TemplateJson.Of(stack);
        var launchTemplateId = template.Resources("AWS::EC2::LaunchTemplate").Single().Key;

        foreach (var (_, group) in template.Resources("AWS::AutoScaling::AutoScalingGroup"))
        {
            // A constant, never Fn::GetAtt LatestVersionNumber: a CDK change of the template must not re-point the live group.
            Assert.Equal($"{{\"LaunchTemplateId\":{{\"Ref\":\"{launchTemplateId}\"}},\"Version\":\"1\"}}", group["Properties"]!["LaunchTemplate"]!.ToJsonString());
        }
    }

    [Fact]
    public void Constructor_DefaultProps_LaunchTemplateEnablesInstanceMetadataTagsAndImdsv2()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewFleet(stack);

        var data = TemplateJson.Of(stack).OnlyResource("AWS::EC2::LaunchTemplate")["Properties"]!["LaunchTemplateData"]!;

        Assert.Equal("enabled", data["MetadataOptions"]!["InstanceMetadataTags"]!.GetValue<string>());
        Assert.Equal("required", data["MetadataOptions"]!["HttpTokens"]!.GetValue<string>());
        Assert.True(ByName.Element(data["BlockDeviceMappings"], "DeviceName", "/dev/xvda")["Ebs"]!["Encrypted"]!.GetValue<bool>());
        Assert.All(data["BlockDeviceMappings"]!.AsArray(), m => Assert.True(m!["Ebs"]!["Encrypted"]!.GetValue<bool>()));
    }

    [Fact]
    public void Constructor_DefaultProps_WeightedRuleCreatedByCustomResourceOnCreateOnly()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewFleet(stack, p => p with { RulePriority = 7, PathPatterns = new[] { "/app/*" } });

        var template = TemplateJson.Of(stack);
        var rule = template.OnlyResource("Custom::WeightedListenerRule")["Properties"]!;
        var create = JsonNode.Parse(TemplateJson.Flatten(rule["Create"]!))!;
        var blue = template.Resources("AWS::ElasticLoadBalancingV2::TargetGroup").Single(t => t.Key.StartsWith("FleetBlue", StringComparison.Ordinal)).Key;
        var green = template.Resources("AWS::ElasticLoadBalancingV2::TargetGroup").Single(t => t.Key.StartsWith("FleetGreen", StringComparison.Ordinal)).Key;

        Assert.Equal("createRule", create["action"]!.GetValue<string>());
        Assert.Equal(7, create["parameters"]!["Priority"]!.GetValue<int>());
        Assert.Equal(["/app/*"], TemplateJson.Strings(ByName.Element(create["parameters"]!["Conditions"], "Field", "path-pattern")["PathPatternConfig"]!["Values"]));
        var groups = Assert.Single(create["parameters"]!["Actions"]!.AsArray(), a => a!["Type"]!.GetValue<string>() == "forward")!["ForwardConfig"]!["TargetGroups"]!;
        Assert.Equal(2, groups.AsArray().Count);
        Assert.Equal(100, ByName.Element(groups, "TargetGroupArn", $"${{Ref:{blue}}}")["Weight"]!.GetValue<int>());
        Assert.Equal(0, ByName.Element(groups, "TargetGroupArn", $"${{Ref:{green}}}")["Weight"]!.GetValue<int>());
        // An update changes the conditions only, never the actions that hold the weights.
        var update = JsonNode.Parse(TemplateJson.Flatten(rule["Update"]!))!;
        Assert.Equal("modifyRule", update["action"]!.GetValue<string>());
        Assert.Equal(["RuleArn", "Conditions"], update["parameters"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["/app/*"], TemplateJson.Strings(ByName.Element(update["parameters"]!["Conditions"], "Field", "path-pattern")["PathPatternConfig"]!["Values"]));
        Assert.Equal("deleteRule", JsonNode.Parse(TemplateJson.Flatten(rule["Delete"]!))!["action"]!.GetValue<string>());
        Assert.Equal(0, template.Count("AWS::ElasticLoadBalancingV2::ListenerRule"));
    }

    [Fact]
    public void CdkDeploy_ChangedFleetProps_NeverRewritesTheWeightedRule()
    {
        // Arrange: the same fleet synthesized before and after a change a platform engineer would make.
        var before = TestStacks.NewStack();
        TestStacks.NewFleet(before);
        var after = TestStacks.NewStack();
        TestStacks.NewFleet(after, p => p with
        {
            Capacity = 6,
            MaxCapacity = 12,
            HealthCheckPath = "/v2/health",
            HealthCheckInterval = Duration.Seconds(30),
            DeregistrationDelay = Duration.Seconds(120),
            InstanceType = new InstanceType("m7g.large"),
        });

        // Act
        var ruleBefore = TemplateJson.Of(before).Resources("Custom::WeightedListenerRule").Single();
        var ruleAfter = TemplateJson.Of(after).Resources("Custom::WeightedListenerRule").Single();

        // Assert: same logical id and identical properties, so CloudFormation sends no update at all; and the
        // resource's Update call names no actions, so even a forced update would not touch the live weights.
        Assert.Equal(ruleBefore.Key, ruleAfter.Key);
        Assert.Equal(ruleBefore.Value.ToJsonString(), ruleAfter.Value.ToJsonString());
        Assert.Null(JsonNode.Parse(TemplateJson.Flatten(ruleAfter.Value["Properties"]!["Update"]!))!["parameters"]!["Actions"]);
    }

    [Fact]
    public void Constructor_Capacity_BlueScaledOnceByCreateOnlyCustomResource()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewFleet(stack, p => p with { Capacity = 3 });

        var template = TemplateJson.Of(stack);
        var initial = template.OnlyResource("Custom::InitialCapacity")["Properties"]!;
        var create = JsonNode.Parse(TemplateJson.Flatten(initial["Create"]!))!;
        var blueGroup = template.Resources("AWS::AutoScaling::AutoScalingGroup").Single(g => g.Key.StartsWith("FleetBlue", StringComparison.Ordinal)).Key;

        var launchTemplate = template.Resources("AWS::EC2::LaunchTemplate").Single().Key;

        Assert.Equal("updateAutoScalingGroup", create["action"]!.GetValue<string>());
        Assert.Equal($"${{Ref:{blueGroup}}}", create["parameters"]!["AutoScalingGroupName"]!.GetValue<string>());
        Assert.Equal(3, create["parameters"]!["DesiredCapacity"]!.GetValue<int>());
        // The created template's first version: the source version of the pipeline at creation.
        Assert.Equal($"{{\"LaunchTemplateId\":\"${{Ref:{launchTemplate}}}\",\"Version\":\"1\"}}", create["parameters"]!["LaunchTemplate"]!.ToJsonString());
        Assert.Null(initial["Update"]);
        Assert.Null(initial["Delete"]);
    }

    [Fact]
    public void Constructor_ExistingListener_AddsRuleToItAndCreatesNoLoadBalancer()
    {
        var stack = TestStacks.NewStack();
        const string listenerArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/0123456789abcdef/fedcba9876543210";
        var listener = ApplicationListener.FromApplicationListenerAttributes(stack, "Shared", new ApplicationListenerAttributes { ListenerArn = listenerArn, SecurityGroup = SecurityGroup.FromSecurityGroupId(stack, "SharedSg", "sg-0123456789abcdef0") });
        TestStacks.NewFleet(stack, p => p with { LoadBalancer = null, Listener = listener });

        var template = TemplateJson.Of(stack);
        var create = JsonNode.Parse(TemplateJson.Flatten(template.OnlyResource("Custom::WeightedListenerRule")["Properties"]!["Create"]!))!;

        Assert.Equal(0, template.Count("AWS::ElasticLoadBalancingV2::LoadBalancer"));
        Assert.Equal(listenerArn, create["parameters"]!["ListenerArn"]!.GetValue<string>());
    }

    [Fact]
    public void Constructor_Certificate_CreatesHttpsListenerOn443WithNotFoundDefault()
    {
        var stack = TestStacks.NewStack();
        var certificate = ListenerCertificate.FromArn("arn:aws:acm:us-east-1:123456789012:certificate/abc");
        TestStacks.NewFleet(stack, p => p with { LoadBalancer = new FleetLoadBalancerOptions { Certificate = certificate } });

        var listener = TemplateJson.Of(stack).OnlyResource("AWS::ElasticLoadBalancingV2::Listener")["Properties"]!;

        Assert.Equal("HTTPS", listener["Protocol"]!.GetValue<string>());
        Assert.Equal(443, listener["Port"]!.GetValue<int>());
        var defaultAction = Assert.Single(listener["DefaultActions"]!.AsArray())!;
        Assert.Equal("fixed-response", defaultAction["Type"]!.GetValue<string>());
        Assert.Equal("404", defaultAction["FixedResponseConfig"]!["StatusCode"]!.GetValue<string>());
    }

    [Fact]
    public void Constructor_CreatedLoadBalancer_WritesAccessLogsToEncryptedTlsOnlyBucket()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewFleet(stack);

        var template = TemplateJson.Of(stack);
        var attributes = template.OnlyResource("AWS::ElasticLoadBalancingV2::LoadBalancer")["Properties"]!["LoadBalancerAttributes"]!.AsArray()
            .ToDictionary(a => a!["Key"]!.GetValue<string>(), a => a!["Value"]!.ToJsonString());
        var policy = template.OnlyResource("AWS::S3::BucketPolicy")["Properties"]!["PolicyDocument"]!.ToJsonString();

        Assert.Equal("\"true\"", attributes["access_logs.s3.enabled"]);
        Assert.Equal("\"alb\"", attributes["access_logs.s3.prefix"]);
        Assert.Equal("\"true\"", attributes["routing.http.drop_invalid_header_fields.enabled"]);
        Assert.Contains("logdelivery.elasticloadbalancing.amazonaws.com", policy, StringComparison.Ordinal);
        Assert.Contains("aws:SecureTransport", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void MetricHttpCodeTarget5xxCount_Blue_UsesTargetGroupAndLoadBalancerDimensions()
    {
        var stack = TestStacks.NewStack();
        var fleet = TestStacks.NewFleet(stack);

        var metric = fleet.MetricHttpCodeTarget5xxCount(FleetColor.Blue);

        Assert.Equal("AWS/ApplicationELB", metric.Namespace);
        Assert.Equal("HTTPCode_Target_5XX_Count", metric.MetricName);
        Assert.Equal("Sum", metric.Statistic);
        Assert.Equal(60, metric.Period.ToSeconds());
        Assert.Equal(new[] { "LoadBalancer", "TargetGroup" }, metric.Dimensions!.Keys.OrderBy(k => k));
        Assert.Equal("p99", fleet.MetricTargetResponseTime(FleetColor.Green).Statistic);
    }
}
