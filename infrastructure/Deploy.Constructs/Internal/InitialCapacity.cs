using Amazon.CDK;
using Amazon.CDK.AWS.AutoScaling;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.CustomResources;
using Constructs;

namespace Deploy.Constructs.Internal;

/// <summary>
/// Gives the initially live group its capacity once, when the stack is created. The groups' template has no
/// <c>DesiredCapacity</c> (and <c>MinSize</c> 0), so CloudFormation never resizes them on a later
/// <c>cdk deploy</c>: after the first deployment the live color can be green, and resetting sizes from the
/// template would empty it (aws-cdk issue 5215). The same call pins the group to the launch-template version the
/// pipeline builds from (<see cref="BlueGreenFleet.SourceLaunchTemplateVersion"/>): the group's template names only a
/// placeholder version that never changes (see <see cref="BlueGreenFleet"/>). From then on the state machines own the
/// capacities and the versions.
/// </summary>
internal sealed class InitialCapacity : Construct
{
    public InitialCapacity(Construct scope, string id, IAutoScalingGroup group, double capacity, string launchTemplateId, string launchTemplateVersion,
        PolicyStatement[] launchPermissions)
        : base(scope, id)
    {
        var stack = Stack.Of(this);
        // No OnDelete either: capacity after creation belongs to the deployment state machines.
        CreateOnlyResource.Create(this, "Custom::InitialCapacity",
            new AwsSdkCall
            {
                Service = "AutoScaling",
                Action = "updateAutoScalingGroup",
                Parameters = new Dictionary<string, object>
                {
                    ["AutoScalingGroupName"] = group.AutoScalingGroupName,
                    ["LaunchTemplate"] = new Dictionary<string, object>
                    {
                        ["LaunchTemplateId"] = launchTemplateId,
                        ["Version"] = launchTemplateVersion,
                    },
                    ["DesiredCapacity"] = capacity,
                },
                PhysicalResourceId = PhysicalResourceId.Of(group.AutoScalingGroupName + "-initial-capacity"),
            },
            null,
            new[]
            {
                new PolicyStatement(new PolicyStatementProps
                {
                    Actions = new[] { "autoscaling:UpdateAutoScalingGroup" },
                    Resources = new[]
                    {
                        $"arn:{stack.Partition}:autoscaling:{stack.Region}:{stack.Account}:autoScalingGroup:*:autoScalingGroupName/{group.AutoScalingGroupName}",
                    },
                }),
                // Updating a group with a launch template needs what Auto Scaling checks on the caller (FlowSteps.LaunchPermissions).
            }.Concat(launchPermissions).ToArray(),
            "Auto Scaling group ARNs contain a UUID AWS generates at creation; the wildcard stands for it only, the group name is fixed. "
            + "RunInstances authorizes resources named by the template and created at launch, so it is limited by the ec2:LaunchTemplate condition; "
            + "CreateTags to tag-on-create by RunInstances.");
    }
}
