using Amazon.CDK;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.DeployPhase;
using static Deploy.Constructs.Internal.StateTable;
using Timeout = Amazon.CDK.AWS.StepFunctions.Timeout;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The idle color prepared: both groups described, the new launch-template version created (or the request's taken),
/// the deployment record written and the state item told which color is deploying, the idle group emptied
/// (<see cref="DrainIdlePhase"/>), then pinned to the new version and scaled like the live one; then <c>next</c>.
/// From the pin on, a failure rolls back.
/// </summary>
internal static class PrepareIdlePhase
{
    public static IChainable Build(DeployPhase phase, Func<IChainable> next)
    {
        var (scope, context, fleet) = (phase.Scope, phase.Context, phase.Fleet);
        var describeLive = FlowSteps.DescribeGroup(scope, "DescribeLiveGroup", GroupRef.At(P(s => s.Colors.LiveGroup)), P(s => s.LiveGroup));
        var describeIdle = FlowSteps.DescribeGroup(scope, "DescribeIdleGroup", GroupRef.At(P(s => s.Colors.IdleGroup)), P(s => s.IdleGroup));
        var stack = Stack.Of(fleet);
        var createVersion = FlowTasks.Aws(scope, "CreateLaunchTemplateVersion", new AwsCall("ec2", "createLaunchTemplateVersion", "ec2:CreateLaunchTemplateVersion",
            new[] { $"arn:{stack.Partition}:ec2:{stack.Region}:{stack.Account}:launch-template/{fleet.LaunchTemplateId}" },
            new Dictionary<string, object>
            {
                ["LaunchTemplateId"] = fleet.LaunchTemplateId,
                // The CDK's current template (the version CloudFormation made), not the live group's version: a CDK change of
                // the template (image, instance type, user data, security groups) rolls out with the next deployment.
                ["SourceVersion"] = fleet.SourceLaunchTemplateVersion,
                ["VersionDescription.$"] = $"States.Format('deploy {{}}', {P(s => s.Validation.Request!.Version)})",
                ["LaunchTemplateData.$"] = P(s => s.Validation.Request!.LaunchTemplateData),
            })
        {
            ResultPath = P(s => s.NewVersion),
            ResultSelector = new Dictionary<string, object>
            {
                [StatePath.Name<NewLaunchTemplateVersion>(v => v.Number) + ".$"] =
                    StatePath.Of<CreateLaunchTemplateVersionResult>(r => r.LaunchTemplateVersion.VersionNumber),
            },
        });
        var givenVersion = new Pass(scope, "UseGivenLaunchTemplateVersion", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                [StatePath.Name<NewLaunchTemplateVersion>(v => v.Number) + ".$"] = P(s => s.Validation.Request!.LaunchTemplateVersion),
            },
            ResultPath = P(s => s.NewVersion),
        });

        var record = new DynamoPutItem(scope, "WriteDeploymentRecord", new DynamoPutItemProps
        {
            Table = context.Table,
            Item = new Dictionary<string, DynamoAttributeValue>(RecordKey(context))
            {
                ["status"] = DynamoAttributeValue.FromString("InProgress"),
                ["executionArn"] = ExecutionId(),
                ["startedAt"] = Str(StatePath.Context(c => c.Execution.StartTime)),
                ["version"] = Str(P(s => s.Validation.Request!.Version)),
                ["strategy"] = Str(P(s => s.Validation.Request!.Strategy)),
                ["fromColor"] = Str(P(s => s.Colors.Live)),
                ["toColor"] = Str(P(s => s.Colors.Idle)),
                ["groupName"] = Str(P(s => s.Colors.IdleGroup)),
                ["launchTemplateId"] = DynamoAttributeValue.FromString(fleet.LaunchTemplateId),
                ["previousLaunchTemplateVersion"] = Str(P(s => s.IdleGroup.Group.LaunchTemplate.Version)),
                ["newLaunchTemplateVersion"] = Num(P(s => s.NewVersion.Number)),
                // DynamoDB deletes the record once this passes (the table's Time to Live); the state item has none.
                [RecordExpiresAttribute] = Num(P(s => s.Validation.RecordExpiresAt)),
            },
            ResultPath = JsonPath.DISCARD,
            TaskTimeout = Timeout.Duration(FlowTasks.TaskTimeout),
        });
        FlowTasks.WithRetries(record, "dynamodb");

        // The Rollback flow decides from the state item: it must know which color is live and which is being deployed.
        // The idle color is the previous one: its instances are about to be replaced, so from here on it is not a warm
        // previous color that a later rollback could flip to (whatever becomes of this deployment).
        var markDeploying = Update(scope, "RecordDeployingColor", context, new StateUpdate(
            $"SET liveColor = :live, deployingColor = :idle, previousWarm = :false, {DeploymentRecord} = :record",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":live"] = Str(P(s => s.Colors.Live)),
                [":idle"] = Str(P(s => s.Colors.Idle)),
                [":record"] = RecordKey(context)["sk"],
                [":false"] = DynamoAttributeValue.FromBoolean(false),
                [":me"] = ExecutionId(),
            })
        {
            Condition = "lockedBy = :me",
        });

        var pin = FlowSteps.UpdateGroup(scope, "PinAndScaleIdleGroup", fleet, new Dictionary<string, object>
        {
            ["AutoScalingGroupName.$"] = P(s => s.Colors.IdleGroup),
            ["LaunchTemplate"] = new Dictionary<string, object>
            {
                ["LaunchTemplateId"] = fleet.LaunchTemplateId,
                ["Version.$"] = $"States.Format('{{}}', {P(s => s.NewVersion.Number)})",
            },
            ["MinSize.$"] = P(s => s.LiveGroup.Group.MinSize),
            ["MaxSize.$"] = P(s => s.LiveGroup.Group.MaxSize),
            ["DesiredCapacity.$"] = P(s => s.LiveGroup.Group.DesiredCapacity),
        }, "From here on, a failure rolls back.");

        foreach (var step in new State[] { describeLive, describeIdle, createVersion, record, markDeploying })
        {
            phase.CatchBefore(step);
        }

        phase.CatchRollback(pin);
        pin.Next(next());
        var afterVersion = record.Next(markDeploying).Next(DrainIdlePhase.Build(phase, pin));
        createVersion.Next(afterVersion);
        givenVersion.Next(afterVersion);

        return describeLive.Next(describeIdle).Next(new Choice(scope, "NewLaunchTemplateVersion")
            .When(Condition.IsPresent(P(s => s.Validation.Request!.LaunchTemplateVersion)), givenVersion)
            .Otherwise(createVersion));
    }
}
