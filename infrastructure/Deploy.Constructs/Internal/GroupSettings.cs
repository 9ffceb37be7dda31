using Amazon.CDK;
using Amazon.CDK.AWS.AutoScaling;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.CustomResources;
using Constructs;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The group settings a <c>cdk deploy</c> may change — the maximum size, the health-check grace period and the tags — applied
/// in place by calls that name nothing else. The group's own CloudFormation properties never change after creation (see
/// <see cref="BlueGreenFleet"/>): on any update of an <c>AWS::AutoScaling::AutoScalingGroup</c>, CloudFormation applies the
/// template's values, unchanged ones included (documented for the size properties: "AWS CloudFormation always sets the group
/// size property values of your Auto Scaling group to the values that are defined in the template", UpdatePolicy
/// <c>AutoScalingScheduledAction</c>), and the template's launch-template version would re-point the live group.
/// UpdateAutoScalingGroup changes only what it is given ("Any properties that you don't specify are not changed by this
/// update request", EC2 Auto Scaling API) and CreateOrUpdateTags only the tags it names, so neither touches the
/// launch-template version or the capacity the state machines set.
/// </summary>
internal sealed class GroupSettings : Construct
{
    /// <summary>The tag every group and the instances it launches carry: the color.</summary>
    public const string ColorTag = "deploy:color";

    public GroupSettings(Construct scope, string id, AutoScalingGroup group, FleetColor color, double maxCapacity, Duration instanceWarmup)
        : base(scope, id)
    {
        var stack = Stack.Of(this);
        var groupArn = $"arn:{stack.Partition}:autoscaling:{stack.Region}:{stack.Account}:autoScalingGroup:*:autoScalingGroupName/{group.AutoScalingGroupName}";
        const string arnReason = "Auto Scaling group ARNs contain a UUID AWS generates at creation; the wildcard stands for it only, the group name is fixed.";

        // Lowering MaxSize below the group's size makes EC2 Auto Scaling set the desired capacity to it (UpdateAutoScalingGroup).
        Size = CreateOnlyResource.Applied(new Construct(this, "Size"), "Custom::GroupSettings",
            new AwsSdkCall
            {
                Service = "AutoScaling",
                Action = "updateAutoScalingGroup",
                Parameters = new Dictionary<string, object>
                {
                    ["AutoScalingGroupName"] = group.AutoScalingGroupName,
                    ["MaxSize"] = maxCapacity,
                    ["HealthCheckGracePeriod"] = instanceWarmup.ToSeconds(),
                },
                PhysicalResourceId = PhysicalResourceId.Of(group.AutoScalingGroupName + "-settings"),
            },
            new[] { Statement("autoscaling:UpdateAutoScalingGroup", groupArn) }, arnReason);

        // The tags CDK gathered for the group (Tags.Of(...) on it or a parent) are rendered at synthesis, after the aspects ran.
        // CreateOrUpdateTags never removes a tag: one dropped from the app stays on the group until deleted by hand.
        var cfn = (CfnAutoScalingGroup)group.Node.DefaultChild!;
        Tags = CreateOnlyResource.Applied(new Construct(this, "Tags"), "Custom::GroupTags",
            new AwsSdkCall
            {
                Service = "AutoScaling",
                Action = "createOrUpdateTags",
                Parameters = new Dictionary<string, object>
                {
                    ["Tags"] = DelegateProducer.Of(() => RenderTags(cfn, group.AutoScalingGroupName, color)),
                },
                PhysicalResourceId = PhysicalResourceId.Of(group.AutoScalingGroupName + "-tags"),
            },
            new[] { Statement("autoscaling:CreateOrUpdateTags", groupArn) }, arnReason);
    }

    /// <summary>The resource that applies the maximum size and the grace period.</summary>
    public AwsCustomResource Size { get; }

    /// <summary>The resource that applies the tags.</summary>
    public AwsCustomResource Tags { get; }

    private static object[] RenderTags(CfnAutoScalingGroup cfn, string groupName, FleetColor color)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in cfn.Tags.TagValues())
        {
            tags[key] = value;
        }

        tags[ColorTag] = color.ToString().ToLowerInvariant();
        return tags.Select(t => (object)new Dictionary<string, object>
        {
            ["ResourceId"] = groupName,
            ["ResourceType"] = "auto-scaling-group",
            ["Key"] = t.Key,
            ["Value"] = t.Value,
            ["PropagateAtLaunch"] = true,
        }).ToArray();
    }

    private static PolicyStatement Statement(string action, string resource) =>
        new(new PolicyStatementProps { Actions = new[] { action }, Resources = new[] { resource } });
}
