using System.Text.Json.Nodes;
using Deploy.Rehearsal.Authorization;

namespace Deploy.Rehearsal.Tests.Authorization;

public sealed class RequiredPermissionsTests
{
    private const string Ec2 = "arn:aws:ec2:us-east-1:123456789012";

    private static IReadOnlyList<PermissionCheck> For(string service, string action, string json, string? resource = null, StackPolicies? stack = null,
        Func<string, string, JsonObject?>? versions = null) =>
        RequiredPermissions.For(service, action, resource, JsonNode.Parse(json)!.AsObject(), stack ?? Policies.Stack(), versions);

    private static List<string> Lines(IEnumerable<PermissionCheck> checks) => checks.Select(c => $"{c.Request.Action} {c.Request.Resource}").ToList();

    [Fact]
    public void For_UpdateGroupWithoutLaunchTemplate_OnlyUpdateAutoScalingGroupOnTheGroup()
    {
        var checks = For("autoscaling", "updateAutoScalingGroup", """{ "AutoScalingGroupName": "blue", "MinSize": 0, "DesiredCapacity": 0 }""");

        var check = Assert.Single(checks);
        Assert.Equal("autoscaling:UpdateAutoScalingGroup", check.Request.Action);
        Assert.Matches("^arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:[0-9a-f-]{36}:autoScalingGroupName/blue$", check.Request.Resource);
        Assert.Equal(["0"], check.Request.Context["autoscaling:MinSize"]);
    }

    [Fact]
    public void For_UpdateGroupWithLaunchTemplate_AlsoRunInstancesOnWhatTheLaunchUsesAndCreateTagsForItsTags()
    {
        var checks = For("autoscaling", "updateAutoScalingGroup",
            $$"""{ "AutoScalingGroupName": "blue", "LaunchTemplate": { "LaunchTemplateId": "{{Policies.LaunchTemplateId}}", "Version": "1" } }""");

        Assert.Equal(
            [
                $"autoscaling:UpdateAutoScalingGroup {RequiredPermissions.GroupArn("blue")}",
                $"ec2:RunInstances {Ec2}:launch-template/{Policies.LaunchTemplateId}",
                "ec2:RunInstances arn:aws:ec2:us-east-1::image/ami-0abcdef1234567890",
                $"ec2:RunInstances {Ec2}:subnet/subnet-0bbbbbbbbbbbbbbbb",
                $"ec2:RunInstances {Ec2}:subnet/subnet-0cccccccccccccccc",
                $"ec2:RunInstances {Ec2}:security-group/sg-0aaaaaaaaaaaaaaaa",
                $"ec2:RunInstances {Ec2}:network-interface/*",
                $"ec2:RunInstances {Ec2}:volume/*",
                $"ec2:RunInstances {Ec2}:instance/*",
                $"ec2:CreateTags {Ec2}:instance/*",
                $"ec2:CreateTags {Ec2}:volume/*",
            ],
            Lines(checks));
        Assert.All(checks.Skip(1), c => Assert.Equal(PermissionPurpose.LaunchTemplateUse, c.Purpose));
        Assert.All(checks.Where(c => c.Request.Action == "ec2:RunInstances"),
            c => Assert.Equal([$"{Ec2}:launch-template/{Policies.LaunchTemplateId}"], c.Request.Context["ec2:LaunchTemplate"]));
        var tags = checks.First(c => c.Request.Action == "ec2:CreateTags").Request.Context;
        Assert.Equal(["RunInstances"], tags["ec2:CreateAction"]);
        Assert.Equal(["fleet"], tags["aws:RequestTag/Name"]);
        Assert.Equal(["true"], checks[0].Request.Context["autoscaling:LaunchTemplateVersionSpecified"]);
    }

    [Fact]
    public void For_UpdateGroupWithANewerVersion_TheVersionsOwnParametersReplaceTheTemplates()
    {
        var own = JsonNode.Parse("""
            { "ImageId": "ami-0fedcba9876543210", "TagSpecifications": [ { "ResourceType": "instance", "Tags": [ { "Key": "deploy:version", "Value": "v2" } ] } ] }
            """)!.AsObject();

        var checks = For("autoscaling", "updateAutoScalingGroup",
            $$"""{ "AutoScalingGroupName": "blue", "LaunchTemplate": { "LaunchTemplateId": "{{Policies.LaunchTemplateId}}", "Version": "2" } }""",
            versions: (id, version) => id == Policies.LaunchTemplateId && version == "2" ? own : null);

        var lines = Lines(checks);
        Assert.Contains("ec2:RunInstances arn:aws:ec2:us-east-1::image/ami-0fedcba9876543210", lines);
        Assert.Equal([$"ec2:CreateTags {Ec2}:instance/*"], lines.Where(l => l.StartsWith("ec2:CreateTags", StringComparison.Ordinal)));
        Assert.Equal(["v2"], checks.Single(c => c.Request.Action == "ec2:CreateTags").Request.Context["aws:RequestTag/deploy:version"]);
    }

    [Fact]
    public void For_LaunchTemplateWithAnInstanceProfile_AlsoPassRoleOfItsRoleToEc2()
    {
        var data = JsonNode.Parse("""{ "ImageId": "ami-0abcdef1234567890", "IamInstanceProfile": { "Name": "FleetProfile" } }""")!.AsObject();

        var checks = For("autoscaling", "updateAutoScalingGroup",
            $$"""{ "AutoScalingGroupName": "blue", "LaunchTemplate": { "LaunchTemplateId": "{{Policies.LaunchTemplateId}}", "Version": "1" } }""",
            stack: Policies.Stack(launchTemplateData: data));

        var pass = Assert.Single(checks, c => c.Request.Action == "iam:PassRole");
        Assert.Equal("arn:aws:iam::123456789012:role/FleetInstanceRole", pass.Request.Resource);
        Assert.Equal(["ec2.amazonaws.com"], pass.Request.Context["iam:PassedToService"]);
        Assert.DoesNotContain(checks, c => c.Request.Action == "ec2:CreateTags");
    }

    [Fact]
    public void For_PublishToAnEncryptedTopic_AlsoGenerateDataKeyAndDecryptOnItsKeyWithTheKeyPolicy()
    {
        var checks = For("sns", "publish", $$"""{ "TopicArn": "{{Policies.TopicArn}}", "Message": "hi" }""");

        Assert.Equal([$"sns:Publish {Policies.TopicArn}", $"kms:GenerateDataKey {Policies.KeyArn}", $"kms:Decrypt {Policies.KeyArn}"], Lines(checks));
        Assert.All(checks.Skip(1), c =>
        {
            Assert.Equal(PermissionPurpose.TopicKey, c.Purpose);
            Assert.NotNull(c.Request.ResourcePolicy);
        });
    }

    [Fact]
    public void For_PublishToAnUnencryptedTopic_OnlyPublish() =>
        Assert.Equal(["sns:Publish arn:aws:sns:us-east-1:123456789012:Plain"],
            Lines(For("sns", "publish", """{ "TopicArn": "arn:aws:sns:us-east-1:123456789012:Plain", "Message": "hi" }""")));

    [Fact]
    public void For_SynchronousNestedExecution_AlsoDescribeAndStopItsExecutionAndTheEventBridgeRule()
    {
        var checks = For("states", "startExecution", """{ "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Probe", "Input": {} }""",
            "arn:aws:states:::states:startExecution.sync:2");

        Assert.Equal(
            [
                "states:StartExecution arn:aws:states:us-east-1:123456789012:stateMachine:Probe",
                "states:DescribeExecution arn:aws:states:us-east-1:123456789012:execution:Probe:00000000-0000-4000-8000-000000000000",
                "states:StopExecution arn:aws:states:us-east-1:123456789012:execution:Probe:00000000-0000-4000-8000-000000000000",
                $"events:PutTargets {RequiredPermissions.NestedExecutionRule}",
                $"events:PutRule {RequiredPermissions.NestedExecutionRule}",
                $"events:DescribeRule {RequiredPermissions.NestedExecutionRule}",
            ],
            Lines(checks));
    }

    [Fact]
    public void For_AsynchronousExecution_OnlyStartExecution() =>
        Assert.Single(For("states", "startExecution", """{ "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Deploy" }""",
            "arn:aws:states:::states:startExecution"));

    [Fact]
    public void For_PutMetricData_NamespaceAsTheConditionKey()
    {
        var check = Assert.Single(For("cloudwatch", "putMetricData", """{ "Namespace": "BlueGreenDeployments", "MetricData": [] }"""));

        Assert.Equal("*", check.Request.Resource);
        Assert.Equal(["BlueGreenDeployments"], check.Request.Context["cloudwatch:namespace"]);
    }

    [Fact]
    public void For_DescribeAlarms_EachNamedAlarm() =>
        Assert.Equal(["cloudwatch:DescribeAlarms arn:aws:cloudwatch:us-east-1:123456789012:alarm:a", "cloudwatch:DescribeAlarms arn:aws:cloudwatch:us-east-1:123456789012:alarm:b"],
            Lines(For("cloudwatch", "describeAlarms", """{ "AlarmNames": ["a", "b"] }""")));

    [Theory]
    [InlineData("updateItem", "dynamodb:UpdateItem")]
    [InlineData("getItem", "dynamodb:GetItem")]
    [InlineData("putItem", "dynamodb:PutItem")]
    public void For_DynamoDbItemCall_TheActionOnTheTableArn(string action, string iamAction) =>
        Assert.Equal([$"{iamAction} arn:aws:dynamodb:us-east-1:123456789012:table/Table"], Lines(For("dynamodb", action, """{ "TableName": "Table", "Key": {} }""")));

    [Fact]
    public void For_LambdaFunctionResource_InvokeFunctionOnTheFunction() =>
        Assert.Equal(["lambda:InvokeFunction arn:aws:lambda:us-east-1:123456789012:function:Check"],
            Lines(For("lambda", "invoke", "{}", "arn:aws:lambda:us-east-1:123456789012:function:Check")));

    [Fact]
    public void For_CustomResourceCreateRule_CreateRuleOnTheListener() =>
        Assert.Equal(["elasticloadbalancing:CreateRule arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/lb/1/2"],
            Lines(For("ElasticLoadBalancingV2", "createRule", """{ "ListenerArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/lb/1/2", "Priority": 100 }""")));

    [Fact]
    public void For_UnmappedCall_ThrowsNamingIt()
    {
        var error = Assert.Throws<NotSupportedException>(() => For("ec2", "terminateInstances", "{}"));

        Assert.Contains("ec2:terminateInstances", error.Message, StringComparison.Ordinal);
    }
}
