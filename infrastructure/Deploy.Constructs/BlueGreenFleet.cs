using Amazon.CDK;
using Amazon.CDK.AWS.AutoScaling;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.S3;
using Constructs;
using Deploy.Constructs.Internal;
using BlockDevice = Amazon.CDK.AWS.EC2.BlockDevice;
using BlockDeviceVolume = Amazon.CDK.AWS.EC2.BlockDeviceVolume;
using EbsDeviceOptions = Amazon.CDK.AWS.EC2.EbsDeviceOptions;
using EbsDeviceVolumeType = Amazon.CDK.AWS.EC2.EbsDeviceVolumeType;
using HealthCheck = Amazon.CDK.AWS.AutoScaling.HealthCheck;
using IBlockDevice = Amazon.CDK.AWS.EC2.IBlockDevice;
using V = Deploy.Constructs.Internal.PropsValidation;

namespace Deploy.Constructs;

/// <summary>Properties of a <see cref="BlueGreenFleet"/>.</summary>
public sealed record BlueGreenFleetProps
{
    /// <summary>The VPC of the instances (and of the load balancer when one is created). Required.</summary>
    public IVpc? Vpc { get; init; }

    /// <summary>
    /// An existing ALB listener to add the weighted rule to. Give this or <see cref="LoadBalancer"/>, not both.
    /// Default: none; a load balancer and listener are created from <see cref="LoadBalancer"/>.
    /// </summary>
    public IApplicationListener? Listener { get; init; }

    /// <summary>
    /// The load balancer to create when there is no existing <see cref="Listener"/>.
    /// Default: none; one of the two must be given.
    /// </summary>
    public FleetLoadBalancerOptions? LoadBalancer { get; init; }

    /// <summary>
    /// The launch template of both groups. Its id must be known. For a template imported by id, <c>VersionNumber</c> must be a
    /// number: the version the blue group starts with and every deployment's new version is made from (change it and the
    /// next deployment rolls it out). A <c>LaunchTemplate</c> of this app is used as the created one is: each deployment starts
    /// from the version CloudFormation made of it last. The groups' own template names version 1 and never changes, so version
    /// 1 must exist (it does unless another version was made the default and version 1 deleted: "You can't delete the default
    /// version of a launch template", DeleteLaunchTemplateVersions).
    /// Default: a template is created from <see cref="MachineImage"/>, <see cref="InstanceType"/> and <see cref="UserData"/>.
    /// </summary>
    public ILaunchTemplate? LaunchTemplate { get; init; }

    /// <summary>The image of the created launch template. Required when <see cref="LaunchTemplate"/> is not given.</summary>
    public IMachineImage? MachineImage { get; init; }

    /// <summary>Instance type of the created launch template. Default: t3.small.</summary>
    public InstanceType? InstanceType { get; init; }

    /// <summary>User data of the created launch template. Default: the image's own.</summary>
    public UserData? UserData { get; init; }

    /// <summary>Subnets of the instances. Default: the VPC's private subnets with egress.</summary>
    public ISubnetSelection? InstanceSubnets { get; init; }

    /// <summary>
    /// Instances the blue group starts with when the stack is created. Later the state machines own the sizes: a
    /// deployment scales the idle group to the live group's current size. Default: 2.
    /// </summary>
    public double? Capacity { get; init; }

    /// <summary>
    /// Maximum size of each group, applied to both groups by every <c>cdk deploy</c> that changes it (lowering it below a
    /// group's size scales that group in). Default: twice <see cref="Capacity"/>.
    /// </summary>
    public double? MaxCapacity { get; init; }

    /// <summary>Port the instances serve on. Default: 80.</summary>
    public double? TargetPort { get; init; }

    /// <summary>
    /// Priority of the weighted listener rule (1-50000). A change is applied in place by <c>SetRulePriorities</c>, which
    /// leaves the weights alone. Default: 100.
    /// </summary>
    public double? RulePriority { get; init; }

    /// <summary>
    /// Path patterns the rule matches. A change is applied in place by <c>ModifyRule</c> with the conditions only, which
    /// leaves the weights alone. Default: <c>/*</c>.
    /// </summary>
    public string[]? PathPatterns { get; init; }

    /// <summary>Health-check path of both target groups. Default: <c>/health</c>.</summary>
    public string? HealthCheckPath { get; init; }

    /// <summary>Time between health checks of one target (5-300 s). Default: 15 seconds.</summary>
    public Duration? HealthCheckInterval { get; init; }

    /// <summary>Time after which a health check fails (2-120 s, less than the interval). Default: 5 seconds.</summary>
    public Duration? HealthCheckTimeout { get; init; }

    /// <summary>Consecutive successes before a target is healthy (2-10). Default: 3.</summary>
    public double? HealthyThresholdCount { get; init; }

    /// <summary>Consecutive failures before a target is unhealthy (2-10). Default: 2.</summary>
    public double? UnhealthyThresholdCount { get; init; }

    /// <summary>Time the load balancer drains a deregistered target (0-3600 s). Default: 30 seconds.</summary>
    public Duration? DeregistrationDelay { get; init; }

    /// <summary>Time before the Auto Scaling group acts on the ELB health of a new instance. Default: 5 minutes.</summary>
    public Duration? InstanceWarmup { get; init; }
}

/// <summary>
/// A blue/green pair of EC2 Auto Scaling groups behind one weighted ALB listener rule.
/// </summary>
/// <remarks>
/// <para>Blue starts live (weight 100, <c>Capacity</c> instances), green idle (weight 0, no instances). Both target
/// groups stay attached to the rule, so the ALB health-checks the idle color before it gets traffic.</para>
/// <para>After creation the weights, the groups' sizes and their launch-template versions belong to the deployment state
/// machines, and a later <c>cdk deploy</c> never changes them. The rule is created by a custom resource whose updates change
/// only its conditions and priority. The groups' CloudFormation properties never change after creation: their launch
/// template names version 1, their maximum size and grace period are constants, and their tags are left out of the
/// template; what a <c>cdk deploy</c> may change (maximum size, grace period, tags) is applied by calls that name nothing
/// else (<see cref="Internal.GroupSettings"/>). A change the fleet cannot take in place (another launch template, subnets,
/// target groups, listener, a new logical id for the rule) is refused by an update guard before anything is changed. A
/// change of the launch template's data (image, instance type, user data, security groups) makes CloudFormation create a
/// new version that no group uses: the next deployment makes its version from it (<see cref="SourceLaunchTemplateVersion"/>)
/// and rolls it out blue/green.</para>
/// See <see href="https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#rule-action-types">forward actions with weighted target groups</see>.
/// </remarks>
public sealed class BlueGreenFleet : Construct
{
    private const string Props = nameof(BlueGreenFleetProps);

    /// <summary>
    /// The launch-template version the groups' CloudFormation template names: version 1, which the created template gets
    /// from CloudFormation and which is its default version for good (CloudFormation never changes a template's default
    /// version: "The default version of a launch template cannot be specified in AWS CloudFormation", AWS::EC2::LaunchTemplate;
    /// "You can't delete the default version of a launch template", EC2 API). A constant, so no <c>cdk deploy</c> ever changes
    /// it; the blue group is pinned to <see cref="SourceLaunchTemplateVersion"/> at creation, and the state machines pin both
    /// groups after that.
    /// </summary>
    public const string TemplateLaunchTemplateVersion = "1";

    /// <summary>
    /// The groups' <c>MaxSize</c> in their CloudFormation template: a constant (the largest <see cref="BlueGreenFleetProps.MaxCapacity"/>
    /// allowed), so that the template never changes; the real maximum is applied by <see cref="Internal.GroupSettings"/>.
    /// </summary>
    public const string TemplateMaxSize = "1000";

    /// <summary>The groups' <c>HealthCheckGracePeriod</c> in their template (seconds); the real one is applied like the maximum size.</summary>
    public const double TemplateHealthCheckGracePeriodSeconds = 300;

    private readonly ApplicationTargetGroup _blueTargetGroup;
    private readonly ApplicationTargetGroup _greenTargetGroup;
    private readonly AutoScalingGroup _blueGroup;
    private readonly AutoScalingGroup _greenGroup;

    /// <summary>Creates the fleet; invalid props throw <see cref="InvalidPropsException"/> naming the prop.</summary>
    public BlueGreenFleet(Construct scope, string id, BlueGreenFleetProps props)
        : base(scope, Validated(id, props))
    {
        Vpc = props.Vpc!;
        Capacity = props.Capacity ?? 2;
        MaxCapacity = props.MaxCapacity ?? Capacity * 2;
        TargetPort = props.TargetPort ?? 80;
        DeregistrationDelay = props.DeregistrationDelay ?? Duration.Seconds(30);

        Listener = props.Listener ?? CreateLoadBalancer(props.LoadBalancer!);
        LoadBalancerFullName = LoadBalancerNameFromListenerArn(Listener.ListenerArn);
        LaunchTemplate = props.LaunchTemplate ?? CreateLaunchTemplate(props);
        LaunchTemplateId = LaunchTemplate.LaunchTemplateId!;
        // A template of this app: the version CloudFormation made of it last (a deployment's versions do not move the
        // attribute, which CloudFormation records when it creates or updates the template). An imported one: the given number.
        SourceLaunchTemplateVersion = LaunchTemplate is Amazon.CDK.AWS.EC2.LaunchTemplate own ? own.LatestVersionNumber : LaunchTemplate.VersionNumber;
        var warmup = props.InstanceWarmup ?? Duration.Minutes(5);

        // These construct ids (and those of the groups and the rule below) are an operational contract: a changed id makes
        // CloudFormation replace the resource — new target groups without targets, new groups whose launches terminate the
        // live color, a new rule at blue 100 % — so they must never change (LogicalIdSnapshotTests).
        _blueTargetGroup = CreateTargetGroup("BlueTargetGroup", props);
        _greenTargetGroup = CreateTargetGroup("GreenTargetGroup", props);

        var rule = new WeightedListenerRule(this, "WeightedRule", Listener.ListenerArn, props.RulePriority ?? 100,
            new object[]
            {
                new Dictionary<string, object>
                {
                    ["Field"] = "path-pattern",
                    ["PathPatternConfig"] = new Dictionary<string, object> { ["Values"] = props.PathPatterns ?? new[] { "/*" } },
                },
            },
            _blueTargetGroup, _greenTargetGroup);
        ListenerRuleArn = rule.RuleArn;

        _blueGroup = CreateGroup("BlueGroup", _blueTargetGroup, props);
        _greenGroup = CreateGroup("GreenGroup", _greenTargetGroup, props);
        var blueSettings = new GroupSettings(this, "BlueGroupSettings", _blueGroup, FleetColor.Blue, MaxCapacity, warmup);
        _ = new GroupSettings(this, "GreenGroupSettings", _greenGroup, FleetColor.Green, MaxCapacity, warmup);

        // The created template's source version at creation is its first: naming the constant keeps this create-only
        // resource's properties unchanged when the template changes.
        var initialVersion = props.LaunchTemplate is null ? TemplateLaunchTemplateVersion : SourceLaunchTemplateVersion;
        var initialCapacity = new InitialCapacity(this, "BlueInitialCapacity", _blueGroup, Capacity, LaunchTemplateId, initialVersion,
            FlowSteps.LaunchPermissions(this));
        // Launch instances only once the rule uses both target groups, so the ALB health-checks them at once, and once the
        // group has its maximum size and tags.
        initialCapacity.Node.AddDependency(rule, blueSettings);

        Guard = new UpdateGuard(this, "UpdateGuard", $"BlueGreenFleet {Node.Path}", GuardedFields(rule));
        Guard.Protect(rule.Resource);
        Guard.Protect(_blueGroup);
        Guard.Protect(_greenGroup);
    }

    /// <summary>How long the target groups let in-flight requests of a deregistering target finish (both colors).</summary>
    public Duration DeregistrationDelay { get; }

    /// <summary>The VPC of the fleet.</summary>
    public IVpc Vpc { get; }

    /// <summary>The listener that holds the weighted rule.</summary>
    public IApplicationListener Listener { get; }

    /// <summary>The load balancer created for the fleet, or null when an existing listener was given.</summary>
    public ApplicationLoadBalancer? LoadBalancer { get; private set; }

    /// <summary>The load balancer's full name (<c>app/name/id</c>), the <c>LoadBalancer</c> dimension of its metrics.</summary>
    public string LoadBalancerFullName { get; }

    /// <summary>ARN of the weighted listener rule. Its weights are changed only by the deployment state machines.</summary>
    public string ListenerRuleArn { get; }

    /// <summary>The launch template both groups are pinned to (a numbered version each).</summary>
    public ILaunchTemplate LaunchTemplate { get; }

    /// <summary>
    /// The version each deployment's new launch-template version is made from (<c>CreateLaunchTemplateVersion</c>'s
    /// <c>SourceVersion</c>; the new version inherits its parameters and the deployment sets the image and the instance
    /// tags, API reference). For a template of this app, <c>Fn::GetAtt LatestVersionNumber</c>: the version CloudFormation
    /// made at the last stack update that changed the template — the CDK's current template data, never a version a
    /// deployment made (those are newer, but the attribute is what CloudFormation recorded) and never <c>$Latest</c>. For an
    /// imported template, its <c>VersionNumber</c>.
    /// </summary>
    public string SourceLaunchTemplateVersion { get; }

    /// <summary>Id of <see cref="LaunchTemplate"/>.</summary>
    public string LaunchTemplateId { get; }

    /// <summary>Live capacity: the size the idle group is scaled to before it takes traffic.</summary>
    public double Capacity { get; }

    /// <summary>Maximum size of each group.</summary>
    public double MaxCapacity { get; }

    /// <summary>Port the instances serve on.</summary>
    public double TargetPort { get; }

    /// <summary>The blue target group.</summary>
    public IApplicationTargetGroup BlueTargetGroup => _blueTargetGroup;

    /// <summary>The green target group.</summary>
    public IApplicationTargetGroup GreenTargetGroup => _greenTargetGroup;

    /// <summary>The blue Auto Scaling group.</summary>
    public IAutoScalingGroup BlueGroup => _blueGroup;

    /// <summary>The green Auto Scaling group.</summary>
    public IAutoScalingGroup GreenGroup => _greenGroup;

    /// <summary>The guard that refuses a stack update the fleet cannot take in place; the rule and the groups depend on it.</summary>
    internal UpdateGuard Guard { get; }

    /// <summary>The target group of a color.</summary>
    public IApplicationTargetGroup TargetGroup(FleetColor color) => color == FleetColor.Blue ? _blueTargetGroup : _greenTargetGroup;

    /// <summary>The Auto Scaling group of a color.</summary>
    public IAutoScalingGroup Group(FleetColor color) => color == FleetColor.Blue ? _blueGroup : _greenGroup;

    /// <summary>Full name of a color's target group (<c>targetgroup/name/id</c>), the <c>TargetGroup</c> metric dimension.</summary>
    public string TargetGroupFullName(FleetColor color) => (color == FleetColor.Blue ? _blueTargetGroup : _greenTargetGroup).TargetGroupFullName;

    /// <summary>
    /// An <c>AWS/ApplicationELB</c> metric of one color's target group.
    /// See <see href="https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html">ALB metrics</see>.
    /// </summary>
    public Metric Metric(string metricName, FleetColor color, IMetricOptions? options = null)
    {
        var metric = new Metric(new MetricProps
        {
            Namespace = "AWS/ApplicationELB",
            MetricName = metricName,
            DimensionsMap = new Dictionary<string, string>
            {
                ["LoadBalancer"] = LoadBalancerFullName,
                ["TargetGroup"] = TargetGroupFullName(color),
            },
            Period = Duration.Minutes(1),
            Statistic = "Sum",
            Label = $"{metricName} ({color.ToString().ToLowerInvariant()})",
        });
        return options is null ? metric : metric.With(options);
    }

    /// <summary>HTTP 5XX responses from a color's targets (<c>HTTPCode_Target_5XX_Count</c>, sum per minute).</summary>
    public Metric MetricHttpCodeTarget5xxCount(FleetColor color, IMetricOptions? options = null) =>
        Metric("HTTPCode_Target_5XX_Count", color, options);

    /// <summary>Response time of a color's targets in seconds (<c>TargetResponseTime</c>, p99 per minute).</summary>
    public Metric MetricTargetResponseTime(FleetColor color, IMetricOptions? options = null) =>
        Metric("TargetResponseTime", color, new MetricOptions { Statistic = "p99" }).With(options ?? new MetricOptions());

    /// <summary>Healthy targets of a color (<c>HealthyHostCount</c>, minimum per minute).</summary>
    public Metric MetricHealthyHostCount(FleetColor color, IMetricOptions? options = null) =>
        Metric("HealthyHostCount", color, new MetricOptions { Statistic = "Minimum" }).With(options ?? new MetricOptions());

    /// <summary>Unhealthy targets of a color (<c>UnHealthyHostCount</c>, maximum per minute).</summary>
    public Metric MetricUnHealthyHostCount(FleetColor color, IMetricOptions? options = null) =>
        Metric("UnHealthyHostCount", color, new MetricOptions { Statistic = "Maximum" }).With(options ?? new MetricOptions());

    /// <summary>Requests routed to a color (<c>RequestCount</c>, sum per minute).</summary>
    public Metric MetricRequestCount(FleetColor color, IMetricOptions? options = null) =>
        Metric("RequestCount", color, options);

    /// <summary>Validates before the base constructor runs, so invalid props add nothing to the tree.</summary>
    private static string Validated(string id, BlueGreenFleetProps props)
    {
        Validate(props);
        return id;
    }

    private static void Validate(BlueGreenFleetProps props)
    {
        V.Required(props.Vpc, $"{Props}.Vpc", "give the VPC of the instances");
        if (props.Listener is not null && props.LoadBalancer is not null)
        {
            throw V.Error($"{Props}.Listener", "both an existing listener and LoadBalancer options were given; give one of them.");
        }

        if (props.Listener is null && props.LoadBalancer is null)
        {
            throw V.Error($"{Props}.Listener", "is required when LoadBalancer is not given; give an existing listener or the load balancer to create.");
        }

        ValidateLaunchTemplate(props);

        V.WholeNumber(props.Capacity, $"{Props}.Capacity", 1, 1000);
        var capacity = props.Capacity ?? 2;
        if (!Token.IsUnresolved(capacity))
        {
            V.WholeNumber(props.MaxCapacity, $"{Props}.MaxCapacity", capacity, 1000);
        }

        V.WholeNumber(props.TargetPort, $"{Props}.TargetPort", 1, 65535);
        V.WholeNumber(props.RulePriority, $"{Props}.RulePriority", 1, 50000);
        if (props.PathPatterns is { Length: 0 or > 5 } patterns)
        {
            throw V.Error($"{Props}.PathPatterns", $"got {patterns.Length} patterns; give 1 to 5.");
        }

        if (props.HealthCheckPath is { } path && !Token.IsUnresolved(path) && (!path.StartsWith('/') || path.Length > 1024))
        {
            throw V.Error($"{Props}.HealthCheckPath", $"got \"{path}\"; must start with / and be at most 1024 characters.");
        }

        V.WholeSeconds(props.HealthCheckInterval, $"{Props}.HealthCheckInterval", 5, 300);
        V.WholeSeconds(props.HealthCheckTimeout, $"{Props}.HealthCheckTimeout", 2, 120);
        var interval = props.HealthCheckInterval?.ToMilliseconds() / 1000.0 ?? 15;
        var timeout = props.HealthCheckTimeout?.ToMilliseconds() / 1000.0 ?? 5;
        if (!Token.IsUnresolved(interval) && !Token.IsUnresolved(timeout) && timeout >= interval)
        {
            throw V.Error($"{Props}.HealthCheckTimeout", $"got {V.Format(timeout)} seconds; must be less than HealthCheckInterval ({V.Format(interval)} seconds).");
        }

        V.WholeNumber(props.HealthyThresholdCount, $"{Props}.HealthyThresholdCount", 2, 10);
        V.WholeNumber(props.UnhealthyThresholdCount, $"{Props}.UnhealthyThresholdCount", 2, 10);
        V.WholeSeconds(props.DeregistrationDelay, $"{Props}.DeregistrationDelay", 0, 3600);
    }

    private static void ValidateLaunchTemplate(BlueGreenFleetProps props)
    {
        if (props.LaunchTemplate is { } template)
        {
            if (props.MachineImage is not null || props.InstanceType is not null || props.UserData is not null)
            {
                throw V.Error($"{Props}.LaunchTemplate", "was given together with MachineImage, InstanceType or UserData; give a launch template or those, not both.");
            }

            if (template.LaunchTemplateId is null)
            {
                throw V.Error($"{Props}.LaunchTemplate", "has no launch template id; import it with LaunchTemplate.FromLaunchTemplateAttributes and a LaunchTemplateId.");
            }

            var version = template.VersionNumber;
            if (!Token.IsUnresolved(version) && !(int.TryParse(version, out var number) && number > 0))
            {
                throw V.Error($"{Props}.LaunchTemplate", $"has version \"{version}\"; the groups must be pinned to a numbered version (1 or more), never $Latest or $Default.");
            }

            return;
        }

        V.Required(props.MachineImage, $"{Props}.MachineImage", "give it (or a LaunchTemplate) so the fleet has an image to launch");
    }

    /// <summary>Listener ARNs look like <c>arn:…:listener/app/name/id/listener-id</c>; the metric dimension is <c>app/name/id</c>.</summary>
    private static string LoadBalancerNameFromListenerArn(string listenerArn)
    {
        var parts = Fn.Split("/", listenerArn);
        return Fn.Join("/", new[] { Fn.Select(1, parts), Fn.Select(2, parts), Fn.Select(3, parts) });
    }

    private IApplicationListener CreateLoadBalancer(FleetLoadBalancerOptions options)
    {
        var internetFacing = options.InternetFacing ?? true;
        var securityGroup = new SecurityGroup(this, "LoadBalancerSecurityGroup", new SecurityGroupProps
        {
            Vpc = Vpc,
            Description = "Blue/green fleet load balancer",
            AllowAllOutbound = false,
        });
        var loadBalancer = new ApplicationLoadBalancer(this, "LoadBalancer", new ApplicationLoadBalancerProps
        {
            Vpc = Vpc,
            InternetFacing = internetFacing,
            SecurityGroup = securityGroup,
            DropInvalidHeaderFields = true,
        });
        LoadBalancer = loadBalancer;

        var accessLogs = options.AccessLogsBucket ?? CreateAccessLogsBucket();
        LoadBalancerAccessLogs.Enable(loadBalancer, accessLogs, "alb");

        var https = options.Certificate is not null;
        var port = options.Port ?? (https ? 443 : 80);
        var listener = loadBalancer.AddListener("Listener", new BaseApplicationListenerProps
        {
            Port = port,
            Protocol = https ? ApplicationProtocol.HTTPS : ApplicationProtocol.HTTP,
            Certificates = https ? new[] { options.Certificate! } : null,
            Open = true,
            // Requests that match no rule get a 404: only the weighted rule routes to the fleet.
            DefaultAction = ListenerAction.FixedResponse(404, new FixedResponseOptions { ContentType = "text/plain", MessageBody = "Not found" }),
        });

        if (internetFacing)
        {
            NagSuppressions.Add(securityGroup, ("AwsSolutions-EC23", "The internet-facing load balancer is the public entry point of the application and accepts traffic from anywhere on its listener port only."));
        }

        return listener;
    }

    private Bucket CreateAccessLogsBucket()
    {
        var bucket = new Bucket(this, "AccessLogs", new BucketProps
        {
            // ALB access logs support SSE-S3 only.
            Encryption = BucketEncryption.S3_MANAGED,
            EnforceSSL = true,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            Versioned = false,
            LifecycleRules = new ILifecycleRule[] { new LifecycleRule { Expiration = Duration.Days(90) } },
        });
        NagSuppressions.Add(bucket, ("AwsSolutions-S1", "This bucket is itself the access-log destination of the load balancer; logging its own reads would only log the log writer."));
        return bucket;
    }

    private ILaunchTemplate CreateLaunchTemplate(BlueGreenFleetProps props)
    {
        var securityGroup = new SecurityGroup(this, "InstanceSecurityGroup", new SecurityGroupProps
        {
            Vpc = Vpc,
            Description = "Blue/green fleet instances",
            AllowAllOutbound = true,
        });
        securityGroup.Connections.AllowFrom(Listener, Port.Tcp(TargetPort), "Load balancer to instances");

        return new LaunchTemplate(this, "LaunchTemplate", new LaunchTemplateProps
        {
            MachineImage = props.MachineImage,
            InstanceType = props.InstanceType ?? InstanceType.Of(InstanceClass.T3, InstanceSize.SMALL),
            UserData = props.UserData,
            SecurityGroup = securityGroup,
            RequireImdsv2 = true,
            // Instances read their deploy:version / deploy:artifact tags from the instance metadata service.
            InstanceMetadataTags = true,
            BlockDevices = new IBlockDevice[]
            {
                new BlockDevice
                {
                    DeviceName = "/dev/xvda",
                    Volume = BlockDeviceVolume.Ebs(8, new EbsDeviceOptions { Encrypted = true, VolumeType = EbsDeviceVolumeType.GP3 }),
                },
            },
        });
    }

    private ApplicationTargetGroup CreateTargetGroup(string id, BlueGreenFleetProps props) =>
        new(this, id, new ApplicationTargetGroupProps
        {
            Vpc = Vpc,
            Port = TargetPort,
            Protocol = ApplicationProtocol.HTTP,
            TargetType = TargetType.INSTANCE,
            DeregistrationDelay = DeregistrationDelay,
            HealthCheck = new Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck
            {
                Path = props.HealthCheckPath ?? "/health",
                Interval = props.HealthCheckInterval ?? Duration.Seconds(15),
                Timeout = props.HealthCheckTimeout ?? Duration.Seconds(5),
                HealthyThresholdCount = props.HealthyThresholdCount ?? 3,
                UnhealthyThresholdCount = props.UnhealthyThresholdCount ?? 2,
                HealthyHttpCodes = "200-399",
            },
        });

    private AutoScalingGroup CreateGroup(string id, ApplicationTargetGroup targetGroup, BlueGreenFleetProps props)
    {
        var group = new AutoScalingGroup(this, id, new AutoScalingGroupProps
        {
            Vpc = Vpc,
            VpcSubnets = props.InstanceSubnets ?? new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            LaunchTemplate = LaunchTemplate,
            // No desired capacity in the template, so stack updates never resize a group (see InitialCapacity).
            MinCapacity = 0,
            MaxCapacity = MaxCapacity,
            HealthCheck = HealthCheck.Elb(new ElbHealthCheckOptions { Grace = Duration.Seconds(TemplateHealthCheckGracePeriodSeconds) }),
        });
        targetGroup.AddTarget(group);
        NagSuppressions.Add(group, ("AwsSolutions-AS3", "Capacity changes are made by the deployment state machines, which publish every step to the pipeline's encrypted SNS topic."));

        // The group's CloudFormation properties must never change after creation (see GroupSettings for why): constants
        // where a prop could change them, and no Tags (GroupSettings applies them).
        var cfn = (CfnAutoScalingGroup)group.Node.DefaultChild!;
        cfn.LaunchTemplate = new CfnAutoScalingGroup.LaunchTemplateSpecificationProperty
        {
            LaunchTemplateId = LaunchTemplateId,
            Version = TemplateLaunchTemplateVersion,
        };
        cfn.MaxSize = TemplateMaxSize;
        cfn.HealthCheckGracePeriod = TemplateHealthCheckGracePeriodSeconds;
        cfn.AddPropertyDeletionOverride("Tags");
        return group;
    }

    /// <summary>
    /// What the update guard keeps fixed: every CloudFormation property of the groups, and the rule's logical id and listener.
    /// A replaced target group shows as a changed ARN (CloudFormation resolves the references before it compares).
    /// </summary>
    private List<GuardedField> GuardedFields(WeightedListenerRule rule)
    {
        var blue = (CfnAutoScalingGroup)_blueGroup.Node.DefaultChild!;
        const string createNewFleet = "To change it, create a new fleet (another construct id) beside this one, deploy to it and move traffic to it, then remove this one.";
        const string rerouted = "CloudFormation would update the live Auto Scaling group and send the launch-template version of its template with the change, re-pointing the group's next launches away from the version the pipeline deployed.";
        // The logical id as synthesized, overrides included (CfnElement.LogicalId is resolved at synthesis).
        var ruleId = rule.CfnResource.LogicalId;
        return new List<GuardedField>
        {
            new("WeightedRule.LogicalId", ruleId,
                "The weighted rule's logical id is fixed when the fleet is created: with a new one CloudFormation would create a second rule at 100 % blue / 0 % green "
                + $"and then delete the live one, moving traffic to blue whatever color is live. Give the rule its logical id back (remove the override, or call OverrideLogicalId with the old id on {rule.CfnResource.Node.Path}). "
                + "RulePriority and PathPatterns changes need no new rule: cdk deploy applies them in place."),
            new("WeightedRule.Listener", Listener.ListenerArn,
                "The weighted rule cannot move to another listener: CloudFormation would keep it on the old one. " + createNewFleet),
            new("TargetGroups", new Dictionary<string, object> { ["Blue"] = _blueTargetGroup.TargetGroupArn, ["Green"] = _greenTargetGroup.TargetGroupArn },
                "The fleet's target groups would be replaced (TargetPort, or another property that replaces a target group, changed), while the rule and the groups still use the old ones. Keep TargetPort as it is. " + createNewFleet),
            new("Groups.LaunchTemplate", new Dictionary<string, object> { ["LaunchTemplateId"] = LaunchTemplateId, ["Version"] = TemplateLaunchTemplateVersion },
                $"A fleet's launch template is fixed when it is created. {rerouted} New data or versions of the same template reach the fleet through the next deployment. {createNewFleet}"),
            new("Groups.VPCZoneIdentifier", blue.VpcZoneIdentifier!, $"The groups' subnets are fixed when the fleet is created. {rerouted} {createNewFleet}"),
            new("Groups.Settings", new Dictionary<string, object>
                {
                    ["MinSize"] = blue.MinSize,
                    ["MaxSize"] = blue.MaxSize,
                    ["HealthCheckType"] = blue.HealthCheckType!,
                    ["HealthCheckGracePeriod"] = blue.HealthCheckGracePeriod!,
                },
                $"This version of the library synthesizes the groups differently from the one that created them. {rerouted} Keep the library version that created the fleet, or: {createNewFleet}"),
        };
    }
}
