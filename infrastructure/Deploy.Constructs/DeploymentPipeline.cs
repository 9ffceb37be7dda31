using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Events.Targets;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using Deploy.Constructs.Internal;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using V = Deploy.Constructs.Internal.PropsValidation;

namespace Deploy.Constructs;

/// <summary>Properties of a <see cref="DeploymentPipeline"/>.</summary>
public sealed record DeploymentPipelineProps
{
    /// <summary>The blue/green fleet the pipeline deploys to. Required.</summary>
    public BlueGreenFleet? Fleet { get; init; }

    /// <summary>
    /// Application name: lowercase letters, digits and hyphens, 1-32 characters, starting with a letter.
    /// Part of resource names (state machines, alarms, dashboard) and of the lock key. Required.
    /// </summary>
    public string? ApplicationName { get; init; }

    /// <summary>Environment name (for example <c>staging</c>), same rules as <see cref="ApplicationName"/>. Required.</summary>
    public string? EnvironmentName { get; init; }

    /// <summary>Deployment behaviour. Default: every <see cref="DeploymentConfiguration"/> default.</summary>
    public DeploymentConfiguration? Configuration { get; init; }

    /// <summary>Addresses subscribed to the notification topic. Default: none.</summary>
    public string[]? NotificationEmails { get; init; }

    /// <summary>Processor architecture of the decision handlers. Default: x86_64.</summary>
    public Architecture? HandlerArchitecture { get; init; }
}

/// <summary>
/// The deployment pipeline of one blue/green fleet: Deploy, Rollback, Recovery, Unlock and HealthProbe state machines, the
/// decision handlers, rollback alarms per color, the alarm rule that starts Rollback, the rule that starts Recovery
/// after a stopped, timed-out or failed execution, the encrypted
/// notification topic, the lock and record table, a dashboard and stack outputs.
/// </summary>
/// <remarks>
/// The state machines perform every AWS call through Step Functions service integrations; the Lambda
/// handlers only decide. See <see href="https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html">AWS SDK service integrations</see>.
/// </remarks>
public sealed class DeploymentPipeline : Construct
{
    /// <summary>CloudWatch namespace of the pipeline's own metrics.</summary>
    public const string MetricNamespace = "BlueGreenDeployments";

    private const string Props = nameof(DeploymentPipelineProps);
    private static readonly Regex NamePattern = new("^[a-z][a-z0-9-]{0,31}$", RegexOptions.CultureInvariant);
    private static readonly Regex EmailPattern = new(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant);

    private readonly ResolvedConfiguration _config;
    private readonly StatedFigures _figures;
    private readonly Key _topicKey;

    /// <summary>Creates the pipeline; invalid props throw <see cref="InvalidPropsException"/> naming the prop.</summary>
    public DeploymentPipeline(Construct scope, string id, DeploymentPipelineProps props)
        : base(scope, Validated(id, props))
    {
        Fleet = props.Fleet!;
        ApplicationName = props.ApplicationName!;
        EnvironmentName = props.EnvironmentName!;
        _config = ResolvedConfiguration.From(props.Configuration);
        var prefix = $"{ApplicationName}-{EnvironmentName}";

        (Topic, _topicKey) = ConfigureNotifications(props.NotificationEmails ?? Array.Empty<string>());
        Table = ConfigureTable();
        var architecture = props.HandlerArchitecture ?? Architecture.X86_64;
        ValidateRequestFunction = HandlerFunction.Create(this, "ValidateRequest", "Deploy.ValidateRequest", architecture, "Validates and normalizes a deployment request.");
        HealthCheckFunction = HandlerFunction.Create(this, "HealthCheck", "Deploy.HealthCheck", architecture, "Turns target health and metrics into a deployment health verdict.");
        LaunchTemplateRevertFunction = HandlerFunction.Create(this, "LaunchTemplateRevert", "Deploy.LaunchTemplateRevert", architecture, "Computes the launch-template revert of a failed color.");

        var blueAlarms = new RollbackAlarms(this, "BlueAlarms", Fleet, FleetColor.Blue, _config, prefix, Topic);
        var greenAlarms = new RollbackAlarms(this, "GreenAlarms", Fleet, FleetColor.Green, _config, prefix, Topic);
        BlueRollbackAlarm = blueAlarms.Composite;
        GreenRollbackAlarm = greenAlarms.Composite;
        _figures = new StatedFigures(_config, Duration.Seconds(Math.Max(blueAlarms.EvaluationWindow.ToSeconds(), greenAlarms.EvaluationWindow.ToSeconds())));

        var context = new FlowContext(Fleet, _config, ApplicationName, EnvironmentName, Table, Topic, _topicKey,
            ValidateRequestFunction, HealthCheckFunction, LaunchTemplateRevertFunction,
            blueAlarms.Composite, greenAlarms.Composite,
            blueAlarms.CompositeName, greenAlarms.CompositeName, MetricNamespace, $"{prefix}-deploy");

        // The machines' construct ids must never change (LogicalIdSnapshotTests): they have explicit names, so a replacement
        // fails on the name, and a renamed one loses its executions' history, the CLI's way to find it and the rules' patterns.
        HealthProbeStateMachine = CreateStateMachine("HealthProbe", $"{prefix}-health-probe", StateMachineType.EXPRESS,
            HealthProbeFlow.Build(new Construct(this, "HealthProbeStates"), context), Duration.Minutes(1));
        context = context with { HealthProbe = HealthProbeStateMachine };
        DeployStateMachine = CreateStateMachine("Deploy", context.DeployStateMachineName, StateMachineType.STANDARD,
            DeployFlow.Build(new Construct(this, "DeployStates"), context), Duration.Days(7));
        PublishFigures(DeployStateMachine);
        RollbackStateMachine = CreateStateMachine("Rollback", $"{prefix}-rollback", StateMachineType.STANDARD,
            RollbackFlow.Build(new Construct(this, "RollbackStates"), context), Duration.Hours(1));

        RecoveryStateMachine = CreateStateMachine("Recovery", $"{prefix}-recovery", StateMachineType.STANDARD,
            RecoveryFlow.Build(new Construct(this, "RecoveryStates"), context, DeployStateMachine.StateMachineArn, RollbackStateMachine.StateMachineArn),
            Duration.Minutes(30));
        RecoveryRule = ConfigureRecoveryRule();
        // The id "Unlock" feeds the logical ids of the state machine, its role and log group: changing it replaces them.
        UnlockStateMachine = CreateStateMachine("Unlock", $"{prefix}-unlock", StateMachineType.STANDARD,
            UnlockFlow.Build(new Construct(this, "UnlockStates"), context, new[] { context.DeployStateMachineName, $"{prefix}-rollback", $"{prefix}-recovery" }),
            Duration.Minutes(15), putsMetrics: false);

        AlarmRule = ConfigureAlarmRule(blueAlarms.Composite, greenAlarms.Composite);
        Dashboard = PipelineDashboard.Create(this, "Dashboard", prefix, this, blueAlarms.Composite, greenAlarms.Composite);
        ConfigureOutputs();
    }

    /// <summary>The fleet this pipeline deploys to.</summary>
    public BlueGreenFleet Fleet { get; }

    /// <summary>The application name.</summary>
    public string ApplicationName { get; }

    /// <summary>The environment name.</summary>
    public string EnvironmentName { get; }

    /// <summary>The Deploy state machine (Standard).</summary>
    public IStateMachine DeployStateMachine { get; }

    /// <summary>The Rollback state machine (Standard), started by <see cref="AlarmRule"/> or an operator.</summary>
    public IStateMachine RollbackStateMachine { get; }

    /// <summary>
    /// The Recovery state machine (Standard), started by <see cref="RecoveryRule"/> when a Deploy or Rollback execution ends
    /// stopped, timed out or failed: it restores 100 % of traffic to the recorded live color, scales the unverified color
    /// in, releases the lock and notifies once, when the ended execution left any of that behind.
    /// </summary>
    public IStateMachine RecoveryStateMachine { get; }

    /// <summary>
    /// The Unlock state machine (Standard), started by an operator with <c>{ "reason", "requestedBy" }</c>: frees the lock
    /// only when its holder is not running (DescribeExecution), records <c>lastUnlock</c> and notifies <c>LockReleased</c>;
    /// refuses with <c>Deploy.LockHolderRunning</c> while the holder runs.
    /// </summary>
    public IStateMachine UnlockStateMachine { get; }

    /// <summary>The EventBridge rule that starts Recovery when a Deploy or Rollback execution ends ABORTED, TIMED_OUT or FAILED (always enabled).</summary>
    public IRule RecoveryRule { get; }

    /// <summary>The HealthProbe state machine (Express), used by Deploy, Rollback and the CLI.</summary>
    public IStateMachine HealthProbeStateMachine { get; }

    /// <summary>The KMS-encrypted, TLS-only topic every deployment event is published to.</summary>
    public ITopic Topic { get; }

    /// <summary>The lock and deployment-record table (<c>pk</c>, <c>sk</c>).</summary>
    public ITable Table { get; }

    /// <summary>The ValidateRequest decision handler.</summary>
    public IFunction ValidateRequestFunction { get; }

    /// <summary>The HealthCheck decision handler.</summary>
    public IFunction HealthCheckFunction { get; }

    /// <summary>The LaunchTemplateRevert decision handler.</summary>
    public IFunction LaunchTemplateRevertFunction { get; }

    /// <summary>Composite rollback alarm of the blue fleet.</summary>
    public IAlarm BlueRollbackAlarm { get; }

    /// <summary>Composite rollback alarm of the green fleet.</summary>
    public IAlarm GreenRollbackAlarm { get; }

    /// <summary>The EventBridge rule that starts Rollback when a composite alarm enters ALARM (disabled without auto-rollback).</summary>
    public IRule AlarmRule { get; }

    /// <summary>The pipeline's CloudWatch dashboard.</summary>
    public Dashboard Dashboard { get; }

    /// <summary>
    /// Worst case between a problem and restored weights on the alarm path: the slowest alarm's evaluation
    /// window plus alarm publication, EventBridge delivery and two state transitions. Published as the Deploy state
    /// machine's <c>deploy-pipeline:worst-case-rollback-seconds</c> tag (what the CLI's <c>info</c> shows) and a stack output.
    /// </summary>
    public Duration WorstCaseTimeToRollback => _figures.WorstCaseTimeToRollback;

    /// <summary>
    /// Worst case between a problem and restored weights during a deployment's bake: one bake check interval, then two
    /// state transitions. Published as the Deploy state machine's <c>deploy-pipeline:worst-case-rollback-during-bake-seconds</c> tag.
    /// </summary>
    public Duration WorstCaseTimeToRollbackDuringBake => _figures.WorstCaseTimeToRollbackDuringBake;

    /// <summary>Allows starting deployments (<c>states:StartExecution</c> on the Deploy state machine).</summary>
    public Grant GrantStartDeployment(IGrantable grantee) => DeployStateMachine.GrantStartExecution(grantee);

    /// <summary>Allows starting a rollback (<c>states:StartExecution</c> on the Rollback state machine).</summary>
    public Grant GrantRollback(IGrantable grantee) => RollbackStateMachine.GrantStartExecution(grantee);

    /// <summary>
    /// Allows freeing a stuck lock (<c>states:StartExecution</c> on the Unlock state machine, which refuses while the holder
    /// runs); no DynamoDB access is needed.
    /// </summary>
    public Grant GrantUnlock(IGrantable grantee) => UnlockStateMachine.GrantStartExecution(grantee);

    /// <summary>
    /// Allows approving or rejecting a deployment waiting for approval (<c>states:SendTaskSuccess</c>/<c>SendTaskFailure</c>).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static",
        Justification = "A grant is a member of the construct it grants on, as every other Grant* method here and in the CDK.")]
    public Grant GrantApprove(IGrantable grantee) => Grant.AddToPrincipal(new GrantOnPrincipalOptions
    {
        Grantee = grantee,
        Actions = new[] { "states:SendTaskSuccess", "states:SendTaskFailure" },
        // Task-token callbacks are authorized without a resource ARN: the token identifies the task.
        ResourceArns = new[] { "*" },
    });

    /// <summary>
    /// Allows reading executions and their history, the Deploy state machine's tags (the figures <c>info</c> shows), and
    /// running a health probe — what <c>status</c>, <c>history</c>, <c>info</c>, <c>health</c> and <c>unlock</c> need.
    /// </summary>
    public Grant GrantRead(IGrantable grantee)
    {
        var grant = DeployStateMachine.GrantRead(grantee);
        Grant.AddToPrincipal(new GrantOnPrincipalOptions
        {
            Grantee = grantee,
            Actions = new[] { "states:ListTagsForResource" },
            ResourceArns = new[] { DeployStateMachine.StateMachineArn },
        });
        RollbackStateMachine.GrantRead(grantee);
        RecoveryStateMachine.GrantRead(grantee);
        UnlockStateMachine.GrantRead(grantee);
        HealthProbeStateMachine.GrantRead(grantee);
        HealthProbeStateMachine.GrantStartSyncExecution(grantee);
        return grant;
    }

    /// <summary>A metric of the pipeline's own namespace, with this application and environment as dimensions.</summary>
    public Metric Metric(string metricName, IMetricOptions? options = null)
    {
        var metric = new Metric(new MetricProps
        {
            Namespace = MetricNamespace,
            MetricName = metricName,
            DimensionsMap = new Dictionary<string, string> { ["Application"] = ApplicationName, ["Environment"] = EnvironmentName },
            Statistic = "Sum",
            Period = Duration.Minutes(5),
        });
        return options is null ? metric : metric.With(options);
    }

    /// <summary>Deployments started (<c>DeploymentsStarted</c>, sum).</summary>
    public Metric MetricDeploymentsStarted(IMetricOptions? options = null) => Metric("DeploymentsStarted", options);

    /// <summary>Deployments that succeeded (<c>DeploymentsSucceeded</c>, sum).</summary>
    public Metric MetricDeploymentsSucceeded(IMetricOptions? options = null) => Metric("DeploymentsSucceeded", options);

    /// <summary>Deployments that failed (<c>DeploymentsFailed</c>, sum).</summary>
    public Metric MetricDeploymentsFailed(IMetricOptions? options = null) => Metric("DeploymentsFailed", options);

    /// <summary>Deployments that were rolled back (<c>DeploymentsRolledBack</c>, sum).</summary>
    public Metric MetricDeploymentsRolledBack(IMetricOptions? options = null) => Metric("DeploymentsRolledBack", options);

    /// <summary>Duration of deployments in seconds (<c>DeploymentDuration</c>, average).</summary>
    public Metric MetricDeploymentDuration(IMetricOptions? options = null) =>
        Metric("DeploymentDuration", new MetricOptions { Statistic = "Average" }).With(options ?? new MetricOptions());

    /// <summary>Seconds from detection to restored weights (<c>TimeToRollback</c>, maximum).</summary>
    public Metric MetricTimeToRollback(IMetricOptions? options = null) =>
        Metric("TimeToRollback", new MetricOptions { Statistic = "Maximum" }).With(options ?? new MetricOptions());

    /// <summary>Traffic weight of a color as published after each change (<c>TrafficWeight</c>, maximum).</summary>
    public Metric MetricTrafficWeight(FleetColor color, IMetricOptions? options = null) =>
        new Metric(new MetricProps
        {
            Namespace = MetricNamespace,
            MetricName = "TrafficWeight",
            DimensionsMap = new Dictionary<string, string>
            {
                ["Application"] = ApplicationName,
                ["Environment"] = EnvironmentName,
                ["Color"] = color.ToString().ToLowerInvariant(),
            },
            Statistic = "Maximum",
            Period = Duration.Minutes(1),
            Label = $"{color} weight %",
        }).With(options ?? new MetricOptions());

    /// <summary>Validates before the base constructor runs, so invalid props add nothing to the tree.</summary>
    private static string Validated(string id, DeploymentPipelineProps props)
    {
        Validate(props);
        return id;
    }

    private static void Validate(DeploymentPipelineProps props)
    {
        V.Required(props.Fleet, $"{Props}.Fleet", "give the BlueGreenFleet to deploy to");
        ValidateName(props.ApplicationName, $"{Props}.ApplicationName");
        ValidateName(props.EnvironmentName, $"{Props}.EnvironmentName");
        foreach (var email in props.NotificationEmails ?? Array.Empty<string>())
        {
            if (!Token.IsUnresolved(email) && !EmailPattern.IsMatch(email))
            {
                throw V.Error($"{Props}.NotificationEmails", $"got \"{email}\"; each entry must be an e-mail address like ops@example.com.");
            }
        }

        ValidateConfiguration(props.Configuration ?? new DeploymentConfiguration());
    }

    private static void ValidateName(string? value, string prop)
    {
        V.Required(value, prop, "use 1-32 lowercase letters, digits or hyphens, starting with a letter");
        if (!Token.IsUnresolved(value!) && !NamePattern.IsMatch(value!))
        {
            throw V.Error(prop, $"got \"{value}\"; use 1-32 lowercase letters, digits or hyphens, starting with a letter.");
        }
    }

    private static void ValidateConfiguration(DeploymentConfiguration c)
    {
        DeploymentSettings.Validate(c);

        var grace = DeploymentSettings.GracePeriod.Resolve(c).ToMilliseconds() / 1000.0;
        var timeout = DeploymentSettings.DeploymentTimeout.Resolve(c).ToMilliseconds() / 1000.0;
        if (!Token.IsUnresolved(grace) && !Token.IsUnresolved(timeout) && grace >= timeout)
        {
            throw V.Error(DeploymentSettings.GracePeriod.QualifiedProp, $"got {V.Format(grace)} seconds; must be shorter than {DeploymentSettings.DeploymentTimeout.Prop} ({V.Format(timeout)} seconds).");
        }
    }

    private (ITopic Topic, Key Key) ConfigureNotifications(string[] emails)
    {
        var key = new Key(this, "TopicKey", new KeyProps
        {
            Description = $"Encrypts the deployment notifications of {ApplicationName}/{EnvironmentName}.",
            EnableKeyRotation = true,
        });
        // Alarm actions publish to the encrypted topic as the CloudWatch service.
        key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Principals = new IPrincipal[] { new ServicePrincipal("cloudwatch.amazonaws.com") },
            Actions = new[] { "kms:Decrypt", "kms:GenerateDataKey" },
            // In a key policy, "*" means this key.
            Resources = new[] { "*" },
        }));

        var topic = new Topic(this, "Topic", new TopicProps
        {
            DisplayName = $"Deployments of {ApplicationName}/{EnvironmentName}",
            MasterKey = key,
        });
        // TLS only: deny every SNS action on this topic over plain HTTP.
        topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Effect = Effect.DENY,
            Principals = new IPrincipal[] { new AnyPrincipal() },
            Actions = new[] { "sns:Publish", "sns:Subscribe", "sns:GetTopicAttributes", "sns:SetTopicAttributes" },
            Resources = new[] { topic.TopicArn },
            Conditions = new Dictionary<string, object>
            {
                ["Bool"] = new Dictionary<string, object> { ["aws:SecureTransport"] = "false" },
            },
        }));
        // The topic's own policy replaces SNS's default one (which allowed the account's principals), so the rollback
        // alarms' actions need their own Allow: CloudWatch publishes as its service principal, limited here to this
        // account's alarms of this pipeline (confused-deputy conditions, SNS developer guide "Amazon SNS access control").
        var stack = Stack.Of(this);
        topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Principals = new IPrincipal[] { new ServicePrincipal("cloudwatch.amazonaws.com") },
            Actions = new[] { "sns:Publish" },
            Resources = new[] { topic.TopicArn },
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
                ["ArnLike"] = new Dictionary<string, object>
                {
                    ["aws:SourceArn"] = $"arn:{stack.Partition}:cloudwatch:{stack.Region}:{stack.Account}:alarm:{ApplicationName}-{EnvironmentName}-*",
                },
            },
        }));
        foreach (var email in emails)
        {
            topic.AddSubscription(new EmailSubscription(email));
        }

        return (topic, key);
    }

    private Table ConfigureTable() =>
        // The construct id must never change (LogicalIdSnapshotTests): the table is retained, so a new id makes a new, empty
        // table — no lock, no record of the live color — and orphans the old one.
        new(this, "Table", new TableProps
        {
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "pk", Type = AttributeType.STRING },
            SortKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "sk", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            Encryption = TableEncryption.AWS_MANAGED,
            TimeToLiveAttribute = StateTable.RecordExpiresAttribute,
            // The deployment record is the audit trail: keep it when the stack goes.
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

    private StateMachine CreateStateMachine(string id, string name, StateMachineType type, IChainable definition, Duration timeout, bool putsMetrics = true)
    {
        var logGroup = new LogGroup(this, id + "Logs", new Amazon.CDK.AWS.Logs.LogGroupProps
        {
            // The vendedlogs prefix keeps CloudWatch Logs resource policies small for Step Functions.
            LogGroupName = $"/aws/vendedlogs/states/{name}",
            Retention = RetentionDays.SIX_MONTHS,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        var machine = new StateMachine(this, id, new StateMachineProps
        {
            StateMachineName = name,
            StateMachineType = type,
            DefinitionBody = DefinitionBody.FromChainable(definition),
            Timeout = timeout,
            TracingEnabled = true,
            Logs = new LogOptions { Destination = logGroup, Level = LogLevel.ALL, IncludeExecutionData = true },
        });
        Tags.Of(machine).Add("deploy:application", ApplicationName);
        Tags.Of(machine).Add("deploy:environment", EnvironmentName);
        Tags.Of(machine).Add("deploy:role", id);

        // The deployment flows publish to the KMS-encrypted topic.
        _topicKey.Grant(machine, "kms:Decrypt", "kms:GenerateDataKey");
        if (putsMetrics)
        {
            machine.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = new[] { "cloudwatch:PutMetricData" },
                // PutMetricData has no resource-level permissions; the condition keeps it to this namespace.
                Resources = new[] { "*" },
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object> { ["cloudwatch:namespace"] = MetricNamespace },
                },
            }));
        }

        NagSuppressions.Add(machine.Role.Node.FindChild("DefaultPolicy"), ("AwsSolutions-IAM5",
            "Wildcards only where AWS allows no narrower resource: log delivery and X-Ray (no resource-level permissions), " +
            "ELB/CloudWatch Describe* and GetMetricData, PutMetricData (limited by the cloudwatch:namespace condition), " +
            "the function:version suffix CDK adds when granting invoke on the decision handlers, " +
            "and the executions of the pipeline's own state machines (execution names are chosen when they start)."));
        // CDK lists the role in DependsOn next to its default policy, duplicating the GetAtt of RoleArn (W3005).
        CfnLintExceptions.AcknowledgeRoleDependency(machine);
        return machine;
    }

    /// <summary>Tags the Deploy state machine with the stated figures, for the CLI to read (ListTagsForResource) instead of computing them.</summary>
    private void PublishFigures(IStateMachine deploy)
    {
        // On the state machine only, not on its role and log group: the figures describe the machine the CLI reads.
        var onTheMachine = new TagProps { IncludeResourceTypes = new[] { "AWS::StepFunctions::StateMachine" } };
        foreach (var (key, value) in _figures.Tags())
        {
            Tags.Of(deploy).Add(key, value, onTheMachine);
        }
    }

    private Rule ConfigureAlarmRule(IAlarm blue, IAlarm green) =>
        new(this, "AlarmRule", new RuleProps
        {
            Description = $"Starts the Rollback state machine of {ApplicationName}/{EnvironmentName} when a composite rollback alarm enters ALARM.",
            Enabled = _config.AutoRollback,
            EventPattern = new EventPattern
            {
                Source = new[] { "aws.cloudwatch" },
                DetailType = new[] { "CloudWatch Alarm State Change" },
                Resources = new[] { blue.AlarmArn, green.AlarmArn },
                Detail = new Dictionary<string, object>
                {
                    ["state"] = new Dictionary<string, object> { ["value"] = new[] { "ALARM" } },
                },
            },
            Targets = new IRuleTarget[]
            {
                new SfnStateMachine(RollbackStateMachine, new SfnStateMachineProps
                {
                    Input = RuleTargetInput.FromObject(new Dictionary<string, object>
                    {
                        [RollbackRequest.TriggerField] = RollbackRequest.Alarm,
                        [RollbackRequest.AlarmNameField] = EventField.FromPath(StatePath.Of<AlarmStateChange>(e => e.Detail.AlarmName)),
                        [RollbackRequest.ReasonField] = EventField.FromPath(StatePath.Of<AlarmStateChange>(e => e.Detail.State.Reason)),
                        [RollbackRequest.DetectedAtField] = EventField.FromPath(StatePath.Of<AlarmStateChange>(e => e.Time)),
                    }),
                    RetryAttempts = 8,
                    MaxEventAge = Duration.Hours(1),
                }),
            },
        });

    /// <summary>
    /// Step Functions sends "Step Functions Execution Status Change" events to the default bus for every status change
    /// (Step Functions user guide, "Automating Step Functions event delivery with EventBridge"); an execution stopped by
    /// StopExecution or its timeout runs no Catch, so this rule is the only thing that sees it end.
    /// </summary>
    private Rule ConfigureRecoveryRule() =>
        new(this, "RecoveryRule", new RuleProps
        {
            Description = $"Starts the Recovery state machine of {ApplicationName}/{EnvironmentName} when a Deploy or Rollback execution ends aborted, timed out or failed.",
            EventPattern = new EventPattern
            {
                Source = new[] { "aws.states" },
                DetailType = new[] { "Step Functions Execution Status Change" },
                Detail = new Dictionary<string, object>
                {
                    ["status"] = new[] { "ABORTED", "TIMED_OUT", "FAILED" },
                    ["stateMachineArn"] = new[] { DeployStateMachine.StateMachineArn, RollbackStateMachine.StateMachineArn },
                },
            },
            Targets = new IRuleTarget[]
            {
                new SfnStateMachine(RecoveryStateMachine, new SfnStateMachineProps
                {
                    RetryAttempts = 8,
                    MaxEventAge = Duration.Hours(1),
                }),
            },
        });

    private void ConfigureOutputs()
    {
        void Output(string id, string value, string description) =>
            _ = new CfnOutput(this, id, new CfnOutputProps { Value = value, Description = description });

        Output("DeployStateMachineArn", DeployStateMachine.StateMachineArn, "Deploy state machine");
        Output("RollbackStateMachineArn", RollbackStateMachine.StateMachineArn, "Rollback state machine");
        Output("RecoveryStateMachineArn", RecoveryStateMachine.StateMachineArn, "Recovery state machine (after stopped, timed-out or failed executions)");
        Output("UnlockStateMachineArn", UnlockStateMachine.StateMachineArn, "Unlock state machine (frees a lock whose holder is not running)");
        Output("HealthProbeStateMachineArn", HealthProbeStateMachine.StateMachineArn, "HealthProbe state machine (Express)");
        Output("TopicArn", Topic.TopicArn, "Deployment notifications topic");
        Output("TableName", Table.TableName, "Lock and deployment-record table");
        Output("ListenerRuleArn", Fleet.ListenerRuleArn, "Weighted listener rule (weights owned by the state machines)");
        Output("BlueTargetGroupArn", Fleet.BlueTargetGroup.TargetGroupArn, "Blue target group");
        Output("GreenTargetGroupArn", Fleet.GreenTargetGroup.TargetGroupArn, "Green target group");
        Output("BlueGroupName", Fleet.BlueGroup.AutoScalingGroupName, "Blue Auto Scaling group");
        Output("GreenGroupName", Fleet.GreenGroup.AutoScalingGroupName, "Green Auto Scaling group");
        Output("DashboardName", Dashboard.DashboardName, "CloudWatch dashboard");
        Output("WorstCaseTimeToRollbackSeconds", V.Format(WorstCaseTimeToRollback.ToMilliseconds() / 1000.0), "Stated worst-case time from problem to restored weights on the alarm path");
        if (Fleet.LoadBalancer is { } loadBalancer)
        {
            Output("LoadBalancerDnsName", loadBalancer.LoadBalancerDnsName, "Load balancer address");
        }
    }
}
