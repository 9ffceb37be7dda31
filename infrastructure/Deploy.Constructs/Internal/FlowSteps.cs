using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using Timeout = Amazon.CDK.AWS.StepFunctions.Timeout;

namespace Deploy.Constructs.Internal;

/// <summary>Steps shared by the Deploy and Rollback flows: health probes, group calls, metrics.</summary>
internal static class FlowSteps
{
    /// <summary>
    /// Runs the HealthProbe state machine (sync) for the color at <paramref name="colorPath"/>; leaves the verdict at
    /// <paramref name="resultPath"/>: <c>status</c>, <c>reasons</c>, <c>evidence</c> and <c>elapsedSeconds</c> (seconds from this
    /// execution's start to the verdict). The color must have as many healthy targets as <paramref name="expectedTargetsPath"/>
    /// says (default: the live group's desired capacity, the capacity a deployment gives the new color).
    /// </summary>
    public static StepFunctionsStartExecution Probe(Construct scope, string id, FlowContext context, string colorPath, string phase, string resultPath,
        string? expectedTargetsPath = null)
    {
        expectedTargetsPath ??= DeployState.Path(s => s.LiveGroup.Group.DesiredCapacity);
        // The verdict says how long this execution has been running (a state machine cannot subtract two times itself).
        var input = new Dictionary<string, object>
        {
            [HealthProbeRequest.Name(r => r.Color) + ".$"] = colorPath,
            [HealthProbeRequest.Name(r => r.Phase)] = phase,
            [HealthProbeRequest.Name(r => r.ExpectedTargets) + ".$"] = expectedTargetsPath,
            [HealthProbeRequest.Name(r => r.DeploymentStartedAt) + ".$"] = StatePath.Context(c => c.Execution.StartTime),
        };
        if (phase == HealthProbeRequest.AfterTraffic)
        {
            input[HealthProbeRequest.Name(r => r.Since) + ".$"] = DeployState.Path(s => s.Shift.At);
        }

        var task = new StepFunctionsStartExecution(scope, id, new StepFunctionsStartExecutionProps
        {
            StateMachine = context.HealthProbe!,
            IntegrationPattern = IntegrationPattern.RUN_JOB,
            Input = TaskInput.FromObject(input),
            ResultSelector = new Dictionary<string, object>
            {
                ["status.$"] = StatePath.Of<ProbeExecution>(p => p.Output.Status),
                ["reasons.$"] = StatePath.Of<ProbeExecution>(p => p.Output.Reasons),
                ["evidence.$"] = StatePath.Of<ProbeExecution>(p => p.Output.Evidence),
                ["elapsedSeconds.$"] = StatePath.Of<ProbeExecution>(p => p.Output.ElapsedSeconds),
            },
            ResultPath = resultPath,
            TaskTimeout = Timeout.Duration(Duration.Minutes(2)),
        });
        return FlowTasks.WithRetries(task, "states");
    }

    /// <summary>
    /// The ARN pattern of every execution of the state machine named <paramref name="machineName"/>
    /// (<c>arn:…:states:…:execution:&lt;name&gt;:*</c>: execution names are chosen when they start).
    /// </summary>
    public static string ExecutionsOf(Construct scope, string machineName) => Amazon.CDK.Stack.Of(scope).FormatArn(new Amazon.CDK.ArnComponents
    {
        Service = "states",
        Resource = "execution",
        ResourceName = $"{machineName}:*",
        ArnFormat = Amazon.CDK.ArnFormat.COLON_RESOURCE_NAME,
    });

    public static string GroupArn(BlueGreenFleet fleet, FleetColor color)
    {
        var stack = Stack.Of(fleet);
        return $"arn:{stack.Partition}:autoscaling:{stack.Region}:{stack.Account}:autoScalingGroup:*:autoScalingGroupName/{fleet.Group(color).AutoScalingGroupName}";
    }

    /// <summary>DescribeAutoScalingGroups for one group; leaves <c>{ group }</c> (a <see cref="GroupRead"/>).</summary>
    public static CallAwsService DescribeGroup(Construct scope, string id, GroupRef group, string resultPath) =>
        FlowTasks.Aws(scope, id, new AwsCall("autoscaling", "describeAutoScalingGroups", "autoscaling:DescribeAutoScalingGroups",
            // Describe* actions of Auto Scaling have no resource-level permissions.
            new[] { "*" },
            new Dictionary<string, object>(new[] { group.AsNames() }))
        {
            ResultPath = resultPath,
            ResultSelector = new Dictionary<string, object>
            {
                [StatePath.Name<GroupRead>(g => g.Group) + ".$"] = StatePath.Of<DescribeAutoScalingGroupsResponse>(r => r.AutoScalingGroups![0]),
            },
        });

    /// <summary>
    /// UpdateAutoScalingGroup with the given parameters, allowed on the fleet's two groups only. A request that sets a
    /// <c>LaunchTemplate</c> also needs what Auto Scaling checks on the caller for it (see <see cref="LaunchPermissions"/>).
    /// </summary>
    public static CallAwsService UpdateGroup(Construct scope, string id, BlueGreenFleet fleet, IDictionary<string, object> parameters, string? comment = null) =>
        FlowTasks.Aws(scope, id, new AwsCall("autoscaling", "updateAutoScalingGroup", "autoscaling:UpdateAutoScalingGroup",
            new[] { GroupArn(fleet, FleetColor.Blue), GroupArn(fleet, FleetColor.Green) }, parameters)
        {
            ResultPath = JsonPath.DISCARD,
            Comment = comment,
            AdditionalStatements = parameters.Keys.Any(k => k.StartsWith("LaunchTemplate", StringComparison.Ordinal)) ? LaunchPermissions(fleet) : null,
        });

    /// <summary>
    /// What the caller of CreateAutoScalingGroup/UpdateAutoScalingGroup with a launch template needs besides the Auto Scaling
    /// action ("Control Amazon EC2 launch template usage in Auto Scaling groups", EC2 Auto Scaling user guide):
    /// <c>ec2:RunInstances</c> with that template, <c>ec2:CreateTags</c> because the template (and every version a deployment
    /// creates) tags the instances and volumes it launches, and <c>iam:PassRole</c> when it names an instance profile.
    /// Without them the call fails with "You are not authorized to use launch template".
    /// </summary>
    public static PolicyStatement[] LaunchPermissions(BlueGreenFleet fleet)
    {
        var stack = Stack.Of(fleet);
        var templateArn = $"arn:{stack.Partition}:ec2:{stack.Region}:{stack.Account}:launch-template/{fleet.LaunchTemplateId}";
        var statements = new List<PolicyStatement>
        {
            new(new PolicyStatementProps
            {
                Actions = new[] { "ec2:RunInstances" },
                Resources = new[] { templateArn },
            }),
            new(new PolicyStatementProps
            {
                // RunInstances also authorizes the instance, volumes, network interfaces, subnet, security groups and image it
                // uses, whose ids come from the template and the deployment's image id: they cannot be listed here, so the
                // statement is limited to launches from this fleet's template by the ec2:LaunchTemplate condition key.
                Actions = new[] { "ec2:RunInstances" },
                Resources = new[] { "*" },
                Conditions = new Dictionary<string, object>
                {
                    ["ArnLike"] = new Dictionary<string, object> { ["ec2:LaunchTemplate"] = templateArn },
                },
            }),
            new(new PolicyStatementProps
            {
                // Tag on create only: the tags the template's TagSpecifications put on what RunInstances creates.
                Actions = new[] { "ec2:CreateTags" },
                Resources = new[]
                {
                    $"arn:{stack.Partition}:ec2:{stack.Region}:{stack.Account}:instance/*",
                    $"arn:{stack.Partition}:ec2:{stack.Region}:{stack.Account}:volume/*",
                    $"arn:{stack.Partition}:ec2:{stack.Region}:{stack.Account}:network-interface/*",
                },
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object> { ["ec2:CreateAction"] = "RunInstances" },
                },
            }),
        };
        if (fleet.LaunchTemplate is LaunchTemplate { Role: { } role })
        {
            statements.Add(new PolicyStatement(new PolicyStatementProps
            {
                Actions = new[] { "iam:PassRole" },
                Resources = new[] { role.RoleArn },
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object> { ["iam:PassedToService"] = "ec2.amazonaws.com" },
                },
            }));
        }

        return statements.ToArray();
    }

    /// <summary>Scales <paramref name="group"/> to zero.</summary>
    public static CallAwsService ScaleToZero(Construct scope, string id, BlueGreenFleet fleet, GroupRef group) =>
        UpdateGroup(scope, id, fleet, new Dictionary<string, object>(new[]
        {
            group.Entry("AutoScalingGroupName"),
            new KeyValuePair<string, object>("MinSize", 0),
            new KeyValuePair<string, object>("DesiredCapacity", 0),
        }));

    /// <summary>PutMetricData in the pipeline namespace with Application and Environment dimensions.</summary>
    public static CustomState PutMetrics(Construct scope, string id, FlowContext context, params (string Name, object Value, string Unit)[] metrics) =>
        PutMetrics(scope, id, context, metrics.Select(m => Datum(context, m.Name, m.Value, m.Unit)).ToArray());

    /// <summary>
    /// PutMetricData as a custom state: a CallAwsService would add its own unconditioned
    /// <c>cloudwatch:PutMetricData</c> on <c>*</c>; the state machine role instead gets one statement limited
    /// to the pipeline namespace by the <c>cloudwatch:namespace</c> condition.
    /// </summary>
    public static CustomState PutMetrics(Construct scope, string id, FlowContext context, object[] data)
    {
        var state = new CustomState(scope, id, new CustomStateProps
        {
            StateJson = new Dictionary<string, object>
            {
                ["Type"] = "Task",
                ["Resource"] = $"arn:{Stack.Of(scope).Partition}:states:::aws-sdk:cloudwatch:putMetricData",
                ["Parameters"] = new Dictionary<string, object> { ["Namespace"] = context.MetricNamespace, ["MetricData"] = data },
                // jsii drops a null ResultPath, so the (empty) response goes to a scratch field instead.
                ["ResultPath"] = StatePath.Of<FlowState>(f => f.MetricsResponse),
                ["TimeoutSeconds"] = FlowTasks.TaskTimeout.ToSeconds(),
            },
        });
        state.AddRetry(FlowTasks.TransientRetry(FlowTasks.AwsSdk("cloudwatch")));
        return state;
    }

    public static Dictionary<string, object> Datum(FlowContext context, string name, object value, string unit, string? color = null)
    {
        var dimensions = new List<object>
        {
            new Dictionary<string, object> { ["Name"] = "Application", ["Value"] = context.ApplicationName },
            new Dictionary<string, object> { ["Name"] = "Environment", ["Value"] = context.EnvironmentName },
        };
        if (color is not null)
        {
            dimensions.Add(color.StartsWith('$')
                ? new Dictionary<string, object> { ["Name"] = "Color", ["Value.$"] = color }
                : new Dictionary<string, object> { ["Name"] = "Color", ["Value"] = color });
        }

        var datum = new Dictionary<string, object> { ["MetricName"] = name, ["Unit"] = unit, ["Dimensions"] = dimensions.ToArray() };
        if (value is string path)
        {
            datum["Value.$"] = path;
        }
        else
        {
            datum["Value"] = value;
        }

        return datum;
    }
}
