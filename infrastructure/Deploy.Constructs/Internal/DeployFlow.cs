using Amazon.CDK;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.StateTable;
using Timeout = Amazon.CDK.AWS.StepFunctions.Timeout;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The Deploy flow (a Standard state machine): validate → lock → read weights → prepare the idle color →
/// grace → health polls → approval → shift traffic step by step → bake → finalize; any failure once the idle
/// group was touched rolls back (weights first). A second entry retires the previous color later.
/// </summary>
/// <remarks>
/// <para>Time is counted, not read: the health deadline is a number of polls, the bake a number of checks,
/// and <c>$.counters.clock</c> adds up the waits passed (grace, polls, canary bake, linear intervals, bake checks; not
/// the approval's wait, which no count can know). The duration a success records and publishes
/// (<c>DeploymentDuration</c>) is measured instead: the last bake probe's <c>$.verdict.elapsedSeconds</c>, which the
/// HealthCheck handler computes from this execution's <c>$$.Execution.StartTime</c> (intrinsic functions have no date
/// arithmetic). A rollback records the larger of the two, both lower bounds of the time it took: the last verdict's
/// measure, when there is one, and the counted clock.</para>
/// <para>Split traffic (neither color at 100 %, left by an interrupted run) is repaired to the live color the
/// state item records — the last verified one — and the deployment goes on; without a record it fails with
/// <c>Deploy.SplitTraffic</c> and changes nothing. 100 % on a color the record does not vouch for (neither its live
/// color nor a warm previous one: the failed color after a failed rollback) fails with
/// <c>Deploy.TrafficOnUnverifiedColor</c> and changes nothing.</para>
/// </remarks>
internal sealed class DeployFlow
{
    private readonly Construct _scope;
    private readonly FlowContext _context;
    private readonly BlueGreenFleet _fleet;
    private readonly ResolvedConfiguration _config;
    private readonly IChainable _rollback;

    private DeployFlow(Construct scope, FlowContext context)
    {
        _scope = scope;
        _context = context;
        _fleet = context.Fleet;
        _config = context.Config;
        _rollback = BuildRollback();
    }

    /// <summary>Seconds between two bake checks: at least a minute, so a 60-minute bake stays far below the history limit.</summary>
    public static int BakeCheckSeconds(ResolvedConfiguration config) =>
        BakeChecks(config) == 0 ? 0 : (int)Math.Ceiling(config.BakeTime.ToMilliseconds() / 1000.0 / BakeChecks(config));

    /// <summary>Number of bake checks (at least one, so the new color is probed after 100 % even without a bake).</summary>
    public static int BakeChecks(ResolvedConfiguration config)
    {
        var bake = config.BakeTime.ToMilliseconds() / 1000.0;
        var interval = Math.Max(60, config.HealthPollInterval.ToMilliseconds() / 1000.0);
        return Math.Max(1, (int)Math.Ceiling(bake / interval));
    }

    public static IChainable Build(Construct scope, FlowContext context) => new DeployFlow(scope, context).Start();

    /// <summary>Seconds from this execution's start to the latest verdict, measured by the HealthCheck handler.</summary>
    private const string MeasuredSeconds = "$.verdict.elapsedSeconds";

    private static string Secs(Duration d) => PropsValidation.Format(Math.Round(d.ToMilliseconds() / 1000.0));

    private IChainable Start()
    {
        var retire = BuildRetire();
        return new Choice(_scope, "DeployOrRetire", new ChoiceProps { Comment = "A retire request (started by a successful deployment) or a deployment request." })
            .When(Condition.IsPresent("$.retirePrevious"), retire)
            .Otherwise(BuildDeployment());
    }

    private IChainable BuildDeployment()
    {
        var config = _config;
        var validate = FlowTasks.Decide(_scope, "ValidateRequest", _context.ValidateRequest, new Dictionary<string, object>
        {
            ["request.$"] = "$",
            ["defaults"] = new Dictionary<string, object>
            {
                ["strategy"] = config.DefaultStrategy.ToString(),
                ["canaryPercentage"] = config.CanaryPercentage,
                ["linearStepPercentage"] = config.LinearStepPercentage,
            },
        }, "$.validation", FlowPhases.Tag(FlowPhases.Validate, "Checks the request and applies the defaults; nothing is touched."));

        var rejectedFail = new Fail(_scope, "RequestRejected", new FailProps
        {
            Comment = "Invalid request: rejected before any resource is touched.",
            ErrorPath = "$.validation.error.name",
            CausePath = "$.validation.error.cause",
        });
        var notifyRejected = Notifications.Publish(_scope, FlowStateNames.Deploy.NotifyRejected, _context, "DeploymentFailed", "Deployment rejected: invalid request", "$.validation.error");
        notifyRejected.AddCatch(rejectedFail, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = JsonPath.DISCARD });
        var rejected = notifyRejected.Next(rejectedFail);

        // Refused: the holder is read back (one consistent GetItem) so the refusal names it; when the read fails or the lock
        // was released meanwhile, the refusal says so without a name. Nothing is changed either way.
        var refusedBy = $"holds the lock of {_context.ApplicationName}/{_context.EnvironmentName}; nothing was changed. See it with deploy-pipeline status --execution-arn <that ARN>, or deploy-pipeline unlock if it has ended.";
        var inProgressFail = new Fail(_scope, "DeploymentInProgress", new FailProps
        {
            Error = DeployErrors.DeploymentInProgress,
            Cause = $"Another execution {refusedBy}",
        });
        var heldByFail = new Fail(_scope, "DeploymentInProgressHeldBy", new FailProps
        {
            Error = DeployErrors.DeploymentInProgress,
            CausePath = $"States.Format('{{}} {refusedBy}', $.lockHolder.Item.lockedBy.S)",
        });
        var namedHolder = new Choice(_scope, "LockHolderKnown")
            .When(Condition.IsPresent("$.lockHolder.Item.lockedBy.S"), heldByFail)
            .Otherwise(inProgressFail);
        var notifyInProgress = Notifications.Publish(_scope, FlowStateNames.Deploy.NotifyInProgress, _context, "DeploymentFailed", "Deployment refused: another one is running", "$.lockError");
        notifyInProgress.AddCatch(namedHolder, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = JsonPath.DISCARD });
        var readHolder = ReadState(_scope, "ReadLockHolder", _context, "$.lockHolder",
            comment: FlowPhases.Tag(FlowPhases.Refused, "Another execution holds the lock: read who, to name it."));
        readHolder.AddCatch(inProgressFail, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = JsonPath.DISCARD });
        var inProgress = readHolder.Next(notifyInProgress).Next(namedHolder);

        // Failures before the idle group is touched: release the lock (if this execution holds it), notify once,
        // fail with the error. Each step is best effort: the outcome is the failure, whatever else refuses.
        var failed = new Fail(_scope, "DeploymentFailed", new FailProps { ErrorPath = "$.failure.Error", CausePath = "$.failure.Cause" });
        var countFailed = FlowTasks.BestEffort(FlowSteps.PutMetrics(_scope, "CountFailed", _context, ("DeploymentsFailed", 1, "Count")), failed);
        var notifyFailed = FlowTasks.BestEffort(Notifications.Publish(_scope, FlowStateNames.Deploy.NotifyFailed, _context, "DeploymentFailed", "Deployment failed", "$.failure"), countFailed);
        var failedBeforeChanges = FlowTasks.BestEffort(
            ReleaseLock(_scope, "ReleaseLockOnFailure", _context, comment: FlowPhases.Tag(FlowPhases.Failed, "A failure before the idle group was touched.")),
            notifyFailed);

        CatchBefore(validate, failedBeforeChanges);
        var acquire = AcquireLock(_scope, FlowStateNames.Deploy.AcquireLock, _context, "$.lock", comment: FlowPhases.Tag(FlowPhases.Lock));
        acquire.AddCatch(inProgress, new CatchProps { Errors = new[] { LockHeldError }, ResultPath = "$.lockError" });
        CatchBefore(acquire, failedBeforeChanges);

        var readWeights = RuleWeights.Read(_scope, "ReadWeights", _fleet, "$.weights",
            comment: FlowPhases.Tag(FlowPhases.Prepare, "Finds the live color, then prepares the idle one."));
        CatchBefore(readWeights, failedBeforeChanges);
        var countStarted = FlowTasks.BestEffort(FlowSteps.PutMetrics(_scope, "CountStarted", _context, ("DeploymentsStarted", 1, "Count")), readWeights);
        var started = FlowTasks.BestEffort(Notifications.Publish(_scope, "NotifyStarted", _context, "DeploymentStarted", "Deployment started", "$.validation.request"), countStarted);

        var prepare = BuildPrepare(failedBeforeChanges);
        var liveBlue = Colors(FleetColor.Blue).Next(prepare);
        var liveGreen = Colors(FleetColor.Green).Next(prepare);
        var allOnBlue = RuleWeights.HasWeight("$.weights", _fleet, FleetColor.Blue, 100);
        var allOnGreen = RuleWeights.HasWeight("$.weights", _fleet, FleetColor.Green, 100);
        var whichIsLive = new Choice(_scope, "WhichColorIsLive", new ChoiceProps
        {
            Comment = "The color with 100% is live when the record vouches for it (or records nothing); neither at 100%: a split to repair.",
        })
            .When(Condition.And(allOnBlue, Vouched(FleetColor.Blue)), liveBlue)
            .When(Condition.And(allOnGreen, Vouched(FleetColor.Green)), liveGreen)
            .When(Condition.Or(allOnBlue, allOnGreen), BuildUnverifiedRefusal(failedBeforeChanges))
            .Otherwise(BuildSplitRepair(liveBlue, liveGreen, failedBeforeChanges));
        readWeights.Next(whichIsLive);

        return validate.Next(new Choice(_scope, "RequestValid")
            .When(Condition.IsNull("$.validation.error"), acquire.Next(started))
            .Otherwise(rejected));
    }

    private Pass Colors(FleetColor live)
    {
        var idle = FlowContext.Other(live);
        return new Pass(_scope, $"{live}IsLive", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                ["live"] = FlowContext.Name(live),
                ["idle"] = FlowContext.Name(idle),
                ["liveGroup"] = _fleet.Group(live).AutoScalingGroupName,
                ["idleGroup"] = _fleet.Group(idle).AutoScalingGroupName,
            },
            ResultPath = "$.colors",
        });
    }

    /// <summary>
    /// Whether the state item (as the lock returned it) vouches for <paramref name="color"/> as the live color: it records
    /// no live color (a fresh environment: the weights decide), records this one live, or records it as the warm previous
    /// color (a Rollback restored it and its record write did not land: it ran a verified version, and still does).
    /// </summary>
    private static Condition Vouched(FleetColor color)
    {
        var name = FlowContext.Name(color);
        var live = "$.lock.Attributes.liveColor.S";
        return Condition.Or(
            // Not(IsPresent), not IsPresent false: the rehearsal's engine (aws-local-stepfunctions) never matches the latter.
            Condition.Not(Condition.IsPresent(live)),
            Condition.And(Condition.IsPresent(live), Condition.StringEquals(live, name)),
            Condition.And(
                Condition.IsPresent("$.lock.Attributes.previousWarm.BOOL"), Condition.BooleanEquals("$.lock.Attributes.previousWarm.BOOL", true),
                Condition.IsPresent("$.lock.Attributes.previousColor.S"), Condition.StringEquals("$.lock.Attributes.previousColor.S", name)));
    }

    /// <summary>
    /// 100 % of traffic on a color the record does not vouch for (the failed color a rollback or recovery could not move
    /// traffic off): taking it as live would scale the last verified color in as the idle one and record the failed color
    /// live, so the deployment refuses before it changes anything.
    /// </summary>
    private IChainable BuildUnverifiedRefusal(IChainable failed) =>
        new Pass(_scope, "TrafficOnUnverifiedColor", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                ["Error"] = DeployErrors.TrafficOnUnverifiedColor,
                ["Cause.$"] = "States.Format('All traffic is on a color the record does not vouch for; {} is the last verified live color. Nothing was changed: restore a verified color first (deploy-pipeline rollback), then deploy again.', $.lock.Attributes.liveColor.S)",
            },
            ResultPath = "$.failure",
        }).Next(failed);

    private IChainable BuildSplitRepair(IChainable liveBlue, IChainable liveGreen, IChainable failed)
    {
        IChainable Repair(FleetColor color)
        {
            var set = RuleWeights.Restore(_scope, $"{FlowStateNames.Prefixes.RepairSplitTo}{color}", _fleet, color,
                "Split traffic from an interrupted run: back to the recorded live color.");
            CatchBefore(set, failed);
            var notify = Notifications.Publish(_scope, $"NotifySplitRepairedTo{color}", _context, "SplitTrafficRepaired",
                $"Split traffic repaired: 100% back on {FlowContext.Name(color)}", "$.weights");
            return set.Next(FlowTasks.BestEffort(notify, color == FleetColor.Blue ? liveBlue : liveGreen));
        }

        var noRecord = new Pass(_scope, "SplitWithoutRecord", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                ["Error"] = DeployErrors.SplitTraffic,
                ["Cause"] = "The listener rule splits traffic between the colors and no verified live color is recorded; repair the weights by hand (or run the Rollback state machine) and deploy again.",
            },
            ResultPath = "$.failure",
        }).Next(failed);

        Condition Recorded(FleetColor color) => Condition.And(
            Condition.IsPresent("$.lock.Attributes.liveColor.S"),
            Condition.StringEquals("$.lock.Attributes.liveColor.S", FlowContext.Name(color)));

        return new Choice(_scope, "SplitTrafficPolicy", new ChoiceProps { Comment = "Neither color at 100%: repair to the recorded live color, or stop." })
            .When(Recorded(FleetColor.Blue), Repair(FleetColor.Blue))
            .When(Recorded(FleetColor.Green), Repair(FleetColor.Green))
            .Otherwise(noRecord);
    }

    private IChainable BuildPrepare(IChainable failedBeforeChanges)
    {
        var describeLive = FlowSteps.DescribeGroup(_scope, "DescribeLiveGroup", "$.colors.liveGroup", "$.liveGroup");
        var describeIdle = FlowSteps.DescribeGroup(_scope, "DescribeIdleGroup", "$.colors.idleGroup", "$.idleGroup");
        var stack = Stack.Of(_fleet);
        var createVersion = FlowTasks.Aws(_scope, "CreateLaunchTemplateVersion", "ec2", "createLaunchTemplateVersion", "ec2:CreateLaunchTemplateVersion",
            new[] { $"arn:{stack.Partition}:ec2:{stack.Region}:{stack.Account}:launch-template/{_fleet.LaunchTemplateId}" },
            new Dictionary<string, object>
            {
                ["LaunchTemplateId"] = _fleet.LaunchTemplateId,
                // The CDK's current template (the version CloudFormation made), not the live group's version: a CDK change of
                // the template (image, instance type, user data, security groups) rolls out with the next deployment.
                ["SourceVersion"] = _fleet.SourceLaunchTemplateVersion,
                ["VersionDescription.$"] = "States.Format('deploy {}', $.validation.request.version)",
                ["LaunchTemplateData.$"] = "$.validation.request.launchTemplateData",
            },
            resultPath: "$.newVersion",
            resultSelector: new Dictionary<string, object> { ["number.$"] = "$.LaunchTemplateVersion.VersionNumber" });
        var givenVersion = new Pass(_scope, "UseGivenLaunchTemplateVersion", new PassProps
        {
            Parameters = new Dictionary<string, object> { ["number.$"] = "$.validation.request.launchTemplateVersion" },
            ResultPath = "$.newVersion",
        });

        var record = new DynamoPutItem(_scope, "WriteDeploymentRecord", new DynamoPutItemProps
        {
            Table = _context.Table,
            Item = new Dictionary<string, DynamoAttributeValue>(RecordKey(_context))
            {
                ["status"] = DynamoAttributeValue.FromString("InProgress"),
                ["executionArn"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.Execution.Id")),
                ["startedAt"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.Execution.StartTime")),
                ["version"] = Str("$.validation.request.version"),
                ["strategy"] = Str("$.validation.request.strategy"),
                ["fromColor"] = Str("$.colors.live"),
                ["toColor"] = Str("$.colors.idle"),
                ["groupName"] = Str("$.colors.idleGroup"),
                ["launchTemplateId"] = DynamoAttributeValue.FromString(_fleet.LaunchTemplateId),
                ["previousLaunchTemplateVersion"] = Str("$.idleGroup.group.LaunchTemplate.Version"),
                ["newLaunchTemplateVersion"] = Num("$.newVersion.number"),
            },
            ResultPath = JsonPath.DISCARD,
            TaskTimeout = Timeout.Duration(FlowTasks.TaskTimeout),
        });
        FlowTasks.WithRetries(record, "dynamodb");

        // The Rollback flow decides from the state item: it must know which color is live and which is being deployed.
        // The idle color is the previous one: its instances are about to be replaced, so from here on it is not a warm
        // previous color that a later rollback could flip to (whatever becomes of this deployment).
        var markDeploying = Update(_scope, "RecordDeployingColor", _context,
            $"SET liveColor = :live, deployingColor = :idle, previousWarm = :false, {DeploymentRecord} = :record", "lockedBy = :me",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":live"] = Str("$.colors.live"),
                [":idle"] = Str("$.colors.idle"),
                [":record"] = RecordKey(_context)["sk"],
                [":false"] = DynamoAttributeValue.FromBoolean(false),
                [":me"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.Execution.Id")),
            }, JsonPath.DISCARD, DynamoReturnValues.NONE);

        var pin = FlowSteps.UpdateGroup(_scope, "PinAndScaleIdleGroup", _fleet, new Dictionary<string, object>
        {
            ["AutoScalingGroupName.$"] = "$.colors.idleGroup",
            ["LaunchTemplate"] = new Dictionary<string, object>
            {
                ["LaunchTemplateId"] = _fleet.LaunchTemplateId,
                ["Version.$"] = "States.Format('{}', $.newVersion.number)",
            },
            ["MinSize.$"] = "$.liveGroup.group.MinSize",
            ["MaxSize.$"] = "$.liveGroup.group.MaxSize",
            ["DesiredCapacity.$"] = "$.liveGroup.group.DesiredCapacity",
        }, "From here on, a failure rolls back.");

        foreach (var step in new State[] { describeLive, describeIdle, createVersion, record, markDeploying })
        {
            CatchBefore(step, failedBeforeChanges);
        }

        CatchRollback(pin);
        pin.Next(BuildHealthWait());
        var afterVersion = record.Next(markDeploying).Next(BuildEmptyIdle(pin));
        createVersion.Next(afterVersion);
        givenVersion.Next(afterVersion);

        return describeLive.Next(describeIdle).Next(new Choice(_scope, "NewLaunchTemplateVersion")
            .When(Condition.IsPresent("$.validation.request.launchTemplateVersion"), givenVersion)
            .Otherwise(createVersion));
    }

    /// <summary>Seconds between two checks that the idle group is empty.</summary>
    public const int DrainCheckSeconds = 15;

    /// <summary>
    /// Checks of the idle group while it scales in: its deregistration delay plus five minutes for the instances to
    /// terminate (EC2 Auto Scaling terminates an instance only after its target deregistered).
    /// </summary>
    public static int DrainChecks(BlueGreenFleet fleet) =>
        (int)Math.Ceiling((fleet.DeregistrationDelay.ToSeconds() + 300) / (double)DrainCheckSeconds);

    /// <summary>
    /// Empties the idle group before it is pinned to the new version: changing a group's launch template never replaces
    /// its running instances, so a group that still has some (the previous color, kept warm after the last deployment)
    /// would keep running the old version and pass the health probe with it. Scale it in to zero, then wait (counted
    /// checks) until no instance is left; then <paramref name="pin"/>.
    /// </summary>
    private IChainable BuildEmptyIdle(IChainable pin)
    {
        var scaleIn = FlowSteps.ScaleToZero(_scope, "ScaleInIdleGroup", _fleet, "$.colors.idleGroup");
        CatchRollback(scaleIn);
        var start = new Pass(_scope, "StartDrainChecks", new PassProps
        {
            Parameters = new Dictionary<string, object> { ["left"] = DrainChecks(_fleet) },
            ResultPath = "$.drain",
        });
        var wait = new Wait(_scope, "WaitForIdleScaleIn", new WaitProps { Time = WaitTime.Duration(Duration.Seconds(DrainCheckSeconds)) });
        var describe = FlowSteps.DescribeGroup(_scope, "DescribeDrainingIdleGroup", "$.colors.idleGroup", "$.draining");
        CatchRollback(describe);
        var count = new Pass(_scope, "CountDrainCheck", new PassProps
        {
            Parameters = new Dictionary<string, object> { ["left.$"] = "States.MathAdd($.drain.left, -1)" },
            ResultPath = "$.drain",
        });
        var notEmptied = Marker("MarkIdleNotEmptied", DeployErrors.IdleColorNotEmptied,
            $"The idle group still had instances {Secs(Duration.Seconds(DrainChecks(_fleet) * DrainCheckSeconds))} s after it was scaled in to zero.");
        count.Next(new Choice(_scope, "DrainChecksLeft")
            .When(Condition.NumberGreaterThan("$.drain.left", 0), wait)
            .Otherwise(notEmptied));
        scaleIn.Next(start).Next(wait).Next(describe).Next(new Choice(_scope, "IdleGroupEmpty")
            .When(Condition.IsPresent("$.draining.group.Instances[0]"), count)
            .Otherwise(pin));

        return new Choice(_scope, "IdleGroupHasInstances", new ChoiceProps { Comment = "A new version runs only on fresh instances." })
            .When(Condition.Or(
                Condition.IsPresent("$.idleGroup.group.Instances[0]"),
                Condition.NumberGreaterThan("$.idleGroup.group.DesiredCapacity", 0)), scaleIn)
            .Otherwise(pin);
    }

    private IChainable BuildHealthWait()
    {
        var grace = new Wait(_scope, FlowStateNames.Deploy.GracePeriod, new WaitProps
        {
            Comment = FlowPhases.Tag(FlowPhases.Grace, $"{Secs(_config.GracePeriod)} s for the new instances to boot."),
            Time = WaitTime.Duration(_config.GracePeriod),
        });
        var init = new Pass(_scope, FlowStateNames.Deploy.StartCounters, new PassProps
        {
            Comment = FlowPhases.Tag(FlowPhases.Health, $"At most {_config.MaxHealthPolls} polls, one every {Secs(_config.HealthPollInterval)} s."),
            Parameters = new Dictionary<string, object>
            {
                ["clock"] = Math.Round(_config.GracePeriod.ToMilliseconds() / 1000.0),
                ["sinceShift"] = 0,
                ["polls"] = _config.MaxHealthPolls,
            },
            ResultPath = "$.counters",
        });
        var probe = FlowSteps.Probe(_scope, "ProbeBeforeTraffic", _context, "$.colors.idle", "BeforeTraffic", "$.verdict");
        CatchRollback(probe);
        var countPoll = new Pass(_scope, "CountHealthPoll", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                ["clock.$"] = $"States.MathAdd($.counters.clock, {Secs(_config.HealthPollInterval)})",
                ["sinceShift"] = 0,
                ["polls.$"] = "States.MathAdd($.counters.polls, -1)",
            },
            ResultPath = "$.counters",
        });
        var pollWait = new Wait(_scope, FlowStateNames.Deploy.WaitForHealth, new WaitProps { Time = WaitTime.Duration(_config.HealthPollInterval) });
        pollWait.Next(probe);

        var afterHealthy = _config.ApprovalRequired ? BuildApproval() : BuildShift();
        countPoll.Next(new Choice(_scope, "HealthPollsLeft")
            .When(Condition.NumberGreaterThan("$.counters.polls", 0), pollWait)
            .Otherwise(_rollback));

        return grace.Next(init).Next(probe).Next(new Choice(_scope, "IdleColorHealthy")
            .When(Condition.StringEquals("$.verdict.status", "Healthy"), afterHealthy)
            .When(Condition.StringEquals("$.verdict.status", "Unhealthy"), _rollback)
            .Otherwise(countPoll));
    }

    private IChainable BuildApproval()
    {
        var approval = new SnsPublish(_scope, FlowStateNames.Deploy.AwaitApproval, new SnsPublishProps
        {
            Comment = FlowPhases.Tag(FlowPhases.Approval, $"Waits at most {Secs(_config.ApprovalTimeout)} s for approve or reject."),
            Topic = _context.Topic,
            IntegrationPattern = IntegrationPattern.WAIT_FOR_TASK_TOKEN,
            Subject = Notifications.Subject(_context, "Deployment awaiting approval"),
            Message = TaskInput.FromObject(new Dictionary<string, object>
            {
                ["event"] = "AwaitingApproval",
                ["application"] = _context.ApplicationName,
                ["environment"] = _context.EnvironmentName,
                ["execution.$"] = "$$.Execution.Id",
                ["taskToken"] = JsonPath.TaskToken,
                ["version.$"] = "$.validation.request.version",
                ["color.$"] = "$.colors.idle",
                ["verdict.$"] = "$.verdict",
            }),
            ResultPath = "$.approval",
            // A timeout counts as a rejection (States.Timeout is caught and rolls back).
            TaskTimeout = Timeout.Duration(_config.ApprovalTimeout),
        });
        // A throttled or failed publish is retried (a new token each time); the approval timeout (States.Timeout) is a
        // rejection, never retried.
        approval.AddRetry(FlowTasks.Backoff(ServiceErrors.Transient("sns").Where(e => e != ServiceErrors.TaskTimeout).ToArray(), maxAttempts: 4));
        // Rejected (the CLI's SendTaskFailure) or timed out: an approval outcome. Anything else (the publish kept failing)
        // is a failure with its own name, never recorded as a rejection.
        approval.AddCatch(_rollback, new CatchProps { Errors = new[] { DeployErrors.ApprovalRejected, ServiceErrors.TaskTimeout }, ResultPath = "$.approvalFailure" });
        CatchRollback(approval);

        // The verdict that asked for approval may be an hour old: traffic moves only on a verdict taken now.
        var probe = FlowSteps.Probe(_scope, "ProbeAfterApproval", _context, "$.colors.idle", "BeforeTraffic", "$.verdict");
        CatchRollback(probe);
        var notHealthy = Marker("MarkNotHealthyAfterApproval", DeployErrors.HealthCheckFailed,
            "The new color was no longer Healthy when the approval arrived; no traffic was moved.");
        return approval.Next(probe).Next(new Choice(_scope, "StillHealthyAfterApproval")
            .When(Condition.StringEquals("$.verdict.status", "Healthy"), BuildShift())
            .When(Condition.StringEquals("$.verdict.status", "Unhealthy"), _rollback)
            .Otherwise(notHealthy));
    }

    private IChainable BuildShift()
    {
        var init = new Pass(_scope, "StartTrafficShift", new PassProps
        {
            Comment = FlowPhases.Tag(FlowPhases.Traffic, "The request's traffic plan, one step at a time."),
            Parameters = new Dictionary<string, object> { ["index"] = 0 },
            ResultPath = "$.shift",
        });
        var current = new Pass(_scope, "NextTrafficStep", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                ["index.$"] = "$.shift.index",
                ["step.$"] = "States.ArrayGetItem($.validation.request.trafficPlan, $.shift.index)",
                // The metric window of the health probes after traffic starts here (read, not computed with).
                ["at.$"] = "$$.State.EnteredTime",
            },
            ResultPath = "$.shift",
        });

        var read = RuleWeights.Read(_scope, "ReadShiftedWeights", _fleet, "$.weights");
        CatchRollback(read);
        IChainable Shift(FleetColor idle)
        {
            var newWeight = "$.shift.step.newWeight";
            var oldWeight = "$.shift.step.oldWeight";
            var set = RuleWeights.SetFromPaths(_scope, $"{FlowStateNames.Prefixes.ShiftTrafficTo}{idle}", _fleet,
                idle == FleetColor.Blue ? newWeight : oldWeight, idle == FleetColor.Blue ? oldWeight : newWeight);
            CatchRollback(set);
            return set.Next(read);
        }

        var notApplied = Marker(FlowStateNames.Deploy.MarkWeightsNotApplied, DeployErrors.WeightsNotApplied, "The listener rule read back after ModifyRule does not show the weights written.");
        var publish = FlowSteps.PutMetrics(_scope, "PublishTrafficWeights", _context, new object[]
        {
            FlowSteps.Datum(_context, "TrafficWeight", "$.shift.step.newWeight", "Percent", "$.colors.idle"),
            FlowSteps.Datum(_context, "TrafficWeight", "$.shift.step.oldWeight", "Percent", "$.colors.live"),
        });
        var notify = Notifications.Publish(_scope, "NotifyTrafficShifted", _context, "TrafficShifted", "Traffic shifted", "$.shift");

        var canaryBake = new Wait(_scope, "CanaryBake", new WaitProps { Time = WaitTime.Duration(_config.BakeTime) });
        var linearInterval = new Wait(_scope, "LinearInterval", new WaitProps { Time = WaitTime.Duration(_config.LinearInterval) });
        var stepWait = new Choice(_scope, "StepIntervalByStrategy")
            .When(Condition.StringEquals("$.validation.request.strategy", "Canary"), canaryBake)
            .Otherwise(linearInterval);
        var stepProbe = FlowSteps.Probe(_scope, "ProbeBetweenSteps", _context, "$.colors.idle", "AfterTraffic", "$.verdict");
        CatchRollback(stepProbe);
        var advance = new Pass(_scope, "AdvanceTrafficStep", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                ["index.$"] = "States.MathAdd($.shift.index, 1)",
                ["at.$"] = "$.shift.at",
            },
            ResultPath = "$.shift",
        });
        // The waits between steps count toward the duration and the time since the first shift, as the bake's do.
        Pass CountStepWait(string id, Duration wait) => new(_scope, id, new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                ["clock.$"] = $"States.MathAdd($.counters.clock, {Secs(wait)})",
                ["sinceShift.$"] = $"States.MathAdd($.counters.sinceShift, {Secs(wait)})",
                ["polls.$"] = "$.counters.polls",
            },
            ResultPath = "$.counters",
        });
        canaryBake.Next(CountStepWait("CountCanaryBake", _config.BakeTime)).Next(stepProbe);
        linearInterval.Next(CountStepWait("CountLinearInterval", _config.LinearInterval)).Next(stepProbe);

        stepProbe.Next(new Choice(_scope, "HealthyBetweenSteps")
            .When(Condition.StringEquals("$.verdict.status", "Healthy"), advance)
            .Otherwise(_rollback));
        advance.Next(current);

        var isLast = new Choice(_scope, "LastTrafficStep")
            .When(Condition.BooleanEquals("$.shift.step.last", true), BuildBake())
            .Otherwise(stepWait);

        // A rollback signalled meanwhile (the Rollback flow sets it on the state item when it restores traffic) is never
        // undone: checked before every step (a conditional write, so no step starts after the signal) and again after it
        // (a consistent read, for a signal that landed while the step was being applied).
        var rollbackRequested = Marker("MarkRollbackRequested", DeployErrors.RollbackRequested,
            "A rollback (the alarm rule or an operator, through the Rollback state machine) was signalled during the deployment; traffic goes back to the live color.");
        var confirm = ReadState(_scope, "ConfirmNoRollbackSignal", _context, "$.signal");
        CatchRollback(confirm);
        confirm.Next(new Choice(_scope, "RollbackSignalledDuringStep")
            .When(Condition.IsPresent($"$.signal.Item.{RollbackSignal}.S"), rollbackRequested)
            .Otherwise(FlowTasks.BestEffort(publish, FlowTasks.BestEffort(notify, isLast))));

        read.Next(new Choice(_scope, "TrafficShiftApplied")
            .When(Condition.Or(
                Condition.And(Condition.StringEquals("$.colors.idle", "blue"), RuleWeights.HasWeight("$.weights", _fleet, FleetColor.Blue, "$.shift.step.newWeight")),
                Condition.And(Condition.StringEquals("$.colors.idle", "green"), RuleWeights.HasWeight("$.weights", _fleet, FleetColor.Green, "$.shift.step.newWeight"))),
                confirm)
            .Otherwise(notApplied));

        var check = Update(_scope, "CheckNoRollbackSignal", _context, $"SET {TrafficStepMarker} = :i", $"lockedBy = :me AND attribute_not_exists({RollbackSignal})",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":i"] = Num("$.shift.index"),
                [":me"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.Execution.Id")),
            }, JsonPath.DISCARD, DynamoReturnValues.NONE);
        check.AddCatch(rollbackRequested, new CatchProps { Errors = new[] { LockHeldError }, ResultPath = "$.signalCheck" });
        CatchRollback(check);

        return init.Next(current).Next(check).Next(new Choice(_scope, "ShiftWhichColor")
            .When(Condition.StringEquals("$.colors.idle", "blue"), Shift(FleetColor.Blue))
            .Otherwise(Shift(FleetColor.Green)));
    }

    private IChainable BuildBake()
    {
        var checks = BakeChecks(_config);
        var interval = BakeCheckSeconds(_config);
        var init = new Pass(_scope, "StartBake", new PassProps
        {
            Comment = FlowPhases.Tag(FlowPhases.Bake, $"{checks} checks, one every {interval} s."),
            Parameters = new Dictionary<string, object>
            {
                ["clock.$"] = "$.counters.clock",
                ["sinceShift.$"] = "$.counters.sinceShift",
                ["polls.$"] = "$.counters.polls",
                ["bakeChecks"] = checks,
            },
            ResultPath = "$.counters",
        });
        var wait = new Wait(_scope, FlowStateNames.Deploy.Bake, new WaitProps { Time = WaitTime.Duration(Duration.Seconds(interval)) });
        var probe = FlowSteps.Probe(_scope, "ProbeDuringBake", _context, "$.colors.idle", "AfterTraffic", "$.verdict");
        CatchRollback(probe);
        var count = new Pass(_scope, "CountBakeCheck", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                ["clock.$"] = $"States.MathAdd($.counters.clock, {interval})",
                ["sinceShift.$"] = $"States.MathAdd($.counters.sinceShift, {interval})",
                ["polls.$"] = "$.counters.polls",
                ["bakeChecks.$"] = "States.MathAdd($.counters.bakeChecks, -1)",
            },
            ResultPath = "$.counters",
        });
        count.Next(new Choice(_scope, "BakeChecksLeft")
            .When(Condition.NumberGreaterThan("$.counters.bakeChecks", 0), wait)
            .Otherwise(BuildFinalize()));
        return init.Next(wait).Next(probe).Next(new Choice(_scope, "HealthyDuringBake")
            .When(Condition.StringEquals("$.verdict.status", "Unhealthy"), _rollback)
            .Otherwise(count));
    }

    private IChainable BuildFinalize()
    {
        var read = RuleWeights.Read(_scope, "ReadFinalWeights", _fleet, "$.weights",
            comment: FlowPhases.Tag(FlowPhases.Finalize, "Checks the new color still has the traffic, then records it live."));
        CatchRollback(read);
        var moved = Marker(FlowStateNames.Deploy.MarkTrafficMovedBack, DeployErrors.WeightsNotApplied,
            "Traffic was moved off the new color during the bake (by the Rollback state machine or an operator).");

        var recordState = ReleaseLock(_scope, FlowStateNames.Deploy.RecordNewLiveColor, _context,
            "liveColor = :new, liveVersion = :version, liveLaunchTemplateVersion = :lt, previousColor = :old, previousLaunchTemplateVersion = :oldLt, " +
            "previousWarm = :warm, revertGroup = :group, revertLaunchTemplateVersion = :revertLt, revertMinSize = :min, revertMaxSize = :max, " +
            "revertDesiredCapacity = :desired, lastExecution = :me",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":new"] = Str("$.colors.idle"),
                [":version"] = Str("$.validation.request.version"),
                [":lt"] = Num("$.newVersion.number"),
                [":old"] = Str("$.colors.live"),
                [":oldLt"] = Str("$.liveGroup.group.LaunchTemplate.Version"),
                [":warm"] = DynamoAttributeValue.FromBoolean(true),
                [":group"] = Str("$.colors.idleGroup"),
                [":revertLt"] = Str("$.idleGroup.group.LaunchTemplate.Version"),
                [":min"] = Num("$.idleGroup.group.MinSize"),
                [":max"] = Num("$.idleGroup.group.MaxSize"),
                [":desired"] = Num("$.idleGroup.group.DesiredCapacity"),
            });
        CatchRollback(recordState);

        var outcome = Update(_scope, "RecordSucceeded", _context, "SET #s = :s, finishedAt = :at, durationSeconds = :d", null,
            new Dictionary<string, DynamoAttributeValue>
            {
                [":s"] = DynamoAttributeValue.FromString("Succeeded"),
                [":at"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.State.EnteredTime")),
                // Measured by the last bake probe (every success runs at least one): the approval's wait included.
                [":d"] = Num(MeasuredSeconds),
            }, JsonPath.DISCARD, DynamoReturnValues.NONE, RecordKey(_context), new() { ["#s"] = "status" });

        var metrics = FlowSteps.PutMetrics(_scope, "CountSucceeded", _context,
            ("DeploymentsSucceeded", 1, "Count"), ("DeploymentDuration", MeasuredSeconds, "Seconds"));
        var notify = Notifications.Publish(_scope, "NotifySucceeded", _context, "DeploymentSucceeded", "Deployment succeeded", "$.validation.request");
        var self = Amazon.CDK.AWS.StepFunctions.StateMachine.FromStateMachineArn(_scope, "DeployStateMachineByName", DeployStateMachineArn());
        var retire = new StepFunctionsStartExecution(_scope, "ScheduleRetirePrevious", new StepFunctionsStartExecutionProps
        {
            StateMachine = self,
            IntegrationPattern = IntegrationPattern.REQUEST_RESPONSE,
            Input = TaskInput.FromObject(new Dictionary<string, object>
            {
                ["retirePrevious"] = new Dictionary<string, object>
                {
                    ["color.$"] = "$.colors.live",
                    ["group.$"] = "$.colors.liveGroup",
                    ["newLiveColor.$"] = "$.colors.idle",
                    ["deployment.$"] = "$$.Execution.Id",
                },
            }),
            ResultPath = JsonPath.DISCARD,
            TaskTimeout = Timeout.Duration(FlowTasks.TaskTimeout),
            Comment = $"Keeps the previous color warm for {Secs(_config.RetainPreviousFor)} s in a separate execution, without the lock.",
        });
        FlowTasks.WithRetries(retire, "states");

        // After the new live color is recorded, the deployment has succeeded: later bookkeeping failures are
        // reported, never rolled back.
        var bookkeepingFailed = FlowTasks.BestEffort(
            Notifications.Publish(_scope, "NotifySucceededWithWarnings", _context, "DeploymentSucceeded", "Deployment succeeded (bookkeeping failed)", "$.failure"),
            new Succeed(_scope, "DeployedWithWarnings"));
        foreach (var step in new State[] { outcome, metrics, notify, retire })
        {
            FlowTasks.CatchAll(step, bookkeepingFailed, "$.failure");
        }

        var done = recordState.Next(outcome).Next(metrics).Next(notify).Next(retire).Next(new Succeed(_scope, "Deployed"));
        read.Next(new Choice(_scope, "NewColorStillLive")
            .When(Condition.And(Condition.StringEquals("$.colors.idle", "blue"), RuleWeights.HasWeight("$.weights", _fleet, FleetColor.Blue, 100)), done)
            .When(Condition.And(Condition.StringEquals("$.colors.idle", "green"), RuleWeights.HasWeight("$.weights", _fleet, FleetColor.Green, 100)), done)
            .Otherwise(moved));
        return read;
    }

    /// <summary>The Deploy state machine's own ARN, built from its name (a reference to the resource would be circular).</summary>
    private string DeployStateMachineArn()
    {
        var stack = Stack.Of(_fleet);
        return $"arn:{stack.Partition}:states:{stack.Region}:{stack.Account}:stateMachine:{_context.DeployStateMachineName}";
    }

    /// <summary>A detected failure without an AWS error: records why in <c>$.failure</c> and rolls back.</summary>
    private Pass Marker(string id, string error, string cause)
    {
        var pass = new Pass(_scope, id, new PassProps
        {
            Parameters = new Dictionary<string, object> { ["Error"] = error, ["Cause"] = cause },
            ResultPath = "$.failure",
        });
        pass.Next(_rollback);
        return pass;
    }

    private void CatchRollback(State task) => FlowTasks.CatchAll(task, _rollback, "$.failure");

    private static void CatchBefore(State task, IChainable failed) => FlowTasks.CatchAll(task, failed, "$.failure");

    /// <summary>
    /// The rollback path: a Choice on the live color, then ModifyRule putting 100 % back on it — no Lambda and
    /// at most two states after the detecting state. Then read back, say why, notify once, revert and scale
    /// down the failed color, record, release the lock, and fail with <c>Deploy.RolledBack</c>.
    /// </summary>
    private IChainable BuildRollback()
    {
        var readBack = RuleWeights.Read(_scope, "ReadRestoredWeights", _fleet, "$.restored");

        var rollbackFailedEnd = new Fail(_scope, "RollbackFailed", new FailProps
        {
            Error = DeployErrors.RollbackFailed,
            Cause = "The listener rule could not be changed back to the previous color, or reading it back did not show 100% on it. Traffic may be on the new color: act now.",
        });
        // The record says what is true after a failed restore: the live color is still the last verified one (traffic may be
        // on the idle color, or split: the Rollback flow reads the weights), the idle color is the previous one and not warm,
        // the revert of the idle group is the one this deployment knows, and a rollback failed. Then an operator's Rollback
        // restores the live color once it is verified. If that write is refused, the lock is still released alone.
        var count = FlowTasks.BestEffort(FlowSteps.PutMetrics(_scope, "CountRollbackFailed", _context, ("DeploymentsFailed", 1, "Count")), rollbackFailedEnd);
        var recordFailed = ReleaseLock(_scope, FlowStateNames.Deploy.RecordRollbackFailed, _context,
            "previousColor = :idle, previousWarm = :false, revertGroup = :group, revertLaunchTemplateVersion = :revertLt, revertMinSize = :min, " +
            $"revertMaxSize = :max, revertDesiredCapacity = :desired, {RollbackFailedMarker} = :me",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":idle"] = Str("$.colors.idle"),
                [":false"] = DynamoAttributeValue.FromBoolean(false),
                [":group"] = Str("$.colors.idleGroup"),
                [":revertLt"] = Str("$.idleGroup.group.LaunchTemplate.Version"),
                [":min"] = Num("$.idleGroup.group.MinSize"),
                [":max"] = Num("$.idleGroup.group.MaxSize"),
                [":desired"] = Num("$.idleGroup.group.DesiredCapacity"),
            });
        recordFailed.AddCatch(FlowTasks.BestEffort(ReleaseLock(_scope, "ReleaseLockAfterFailedRollback", _context), count),
            new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = "$.recordFailure" });
        recordFailed.Next(count);
        var rollbackFailed = FlowTasks.BestEffort(
            Notifications.Publish(_scope, FlowStateNames.Deploy.NotifyRollbackFailed, _context, "RollbackFailed", "Rollback FAILED: traffic not restored", "$.restoreFailure"),
            recordFailed);
        readBack.AddCatch(rollbackFailed, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = "$.restoreFailure" });

        IChainable Restore(FleetColor live)
        {
            var set = RuleWeights.Restore(_scope, $"{FlowStateNames.Prefixes.RestoreTrafficTo}{live}", _fleet, live,
                $"Rollback: 100% back on {FlowContext.Name(live)} before anything else.");
            set.AddCatch(rollbackFailed, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = "$.restoreFailure" });
            return set.Next(readBack);
        }

        var why = BuildRollbackReason();
        readBack.Next(new Choice(_scope, "TrafficRestored")
            .When(Condition.And(Condition.StringEquals("$.colors.live", "blue"), RuleWeights.HasWeight("$.restored", _fleet, FleetColor.Blue, 100)), why)
            .When(Condition.And(Condition.StringEquals("$.colors.live", "green"), RuleWeights.HasWeight("$.restored", _fleet, FleetColor.Green, 100)), why)
            .Otherwise(rollbackFailed));

        return new Choice(_scope, FlowStateNames.Deploy.RollBackToLiveColor, new ChoiceProps { Comment = FlowPhases.Tag(FlowPhases.Rollback, "Traffic back on the live color first.") })
            .When(Condition.StringEquals("$.colors.live", "blue"), Restore(FleetColor.Blue))
            .Otherwise(Restore(FleetColor.Green));
    }

    /// <summary>After traffic is back: why the deployment rolled back, as <c>$.rollback = { reason, detail }</c>.</summary>
    private IChainable BuildRollbackReason()
    {
        var revert = BuildRevert();
        Pass Reason(string id, string reason, string detailPath)
        {
            var pass = new Pass(_scope, id, new PassProps
            {
                Parameters = new Dictionary<string, object> { ["reason"] = reason, ["detail.$"] = detailPath },
                ResultPath = "$.rollback",
            });
            pass.Next(revert);
            return pass;
        }

        var fromError = new Pass(_scope, "ReasonFromError", new PassProps
        {
            Parameters = new Dictionary<string, object> { ["reason.$"] = "$.failure.Error", ["detail.$"] = "$.failure.Cause" },
            ResultPath = "$.rollback",
        });
        fromError.Next(revert);

        return new Choice(_scope, "WhyRolledBack")
            .When(Condition.And(Condition.IsPresent("$.approvalFailure"), Condition.StringEquals("$.approvalFailure.Error", "States.Timeout")),
                Reason("ApprovalTimedOut", DeployErrors.ApprovalRejected, "$.approvalFailure.Cause"))
            .When(Condition.IsPresent("$.approvalFailure"),
                Reason("ApprovalWasRejected", DeployErrors.ApprovalRejected, "$.approvalFailure.Cause"))
            .When(Condition.IsPresent("$.failure"), fromError)
            .When(Condition.And(Condition.IsPresent("$.verdict"), Condition.StringEquals("$.verdict.status", "Unhealthy")),
                Reason("HealthCheckFailed", DeployErrors.HealthCheckFailed, "States.JsonToString($.verdict.reasons)"))
            .Otherwise(Reason("DeploymentTimedOut", DeployErrors.DeploymentTimedOut, "States.JsonToString($.verdict.reasons)"));
    }

    private IChainable BuildRevert()
    {
        var notify = Notifications.Publish(_scope, FlowStateNames.Deploy.NotifyRolledBack, _context, "RolledBack", "Deployment rolled back", "$.rollback");
        var describe = FlowSteps.DescribeGroup(_scope, "DescribeFailedGroup", "$.colors.idleGroup", "$.failedGroup");
        var decide = FlowSteps.DecideRevert(_scope, "DecideRevert", _context, new("groupName.$", "$.colors.idleGroup"),
            "$.idleGroup.group.LaunchTemplate.Version", "$.idleGroup.group.MinSize", "$.idleGroup.group.MaxSize", "$.idleGroup.group.DesiredCapacity");
        var apply = FlowSteps.ApplyRevert(_scope, "ApplyRevert", _fleet);
        var scaleDown = FlowSteps.ScaleToZero(_scope, "ScaleDownFailedColor", _fleet, "$.colors.idleGroup");

        var release = ReleaseLock(_scope, "ReleaseLockAfterRollback", _context);
        var record = Update(_scope, "RecordRolledBack", _context, "SET #s = :s, finishedAt = :at, reason = :r, durationSeconds = :d", null,
            new Dictionary<string, DynamoAttributeValue>
            {
                [":s"] = DynamoAttributeValue.FromString("RolledBack"),
                [":at"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.State.EnteredTime")),
                [":r"] = Str("$.rollback.reason"),
                [":d"] = Num("$.duration.seconds"),
            }, JsonPath.DISCARD, DynamoReturnValues.NONE, RecordKey(_context), new() { ["#s"] = "status" });
        var metrics = FlowSteps.PutMetrics(_scope, "CountRolledBack", _context,
            ("DeploymentsRolledBack", 1, "Count"), ("TimeToRollback", "$.counters.sinceShift", "Seconds"));
        var rolledBack = new Fail(_scope, "RolledBack", new FailProps
        {
            Error = DeployErrors.RolledBack,
            CausePath = "States.Format('Rolled back: 100% of traffic is on {} again. Reason: {} ({})', $.colors.live, $.rollback.reason, $.rollback.detail)",
        });

        // Traffic is already safe here: a failure of the cleanup is reported in the record and the cause, and
        // the execution still ends RolledBack with the lock released.
        var cleanupFailed = new Pass(_scope, "CleanupFailed", new PassProps
        {
            Parameters = new Dictionary<string, object> { ["error.$"] = "$.cleanupFailure.Error", ["cause.$"] = "$.cleanupFailure.Cause" },
            ResultPath = "$.cleanup",
        });
        foreach (var step in new State[] { describe, decide, apply, scaleDown })
        {
            FlowTasks.CatchAll(step, cleanupFailed, "$.cleanupFailure");
        }

        // The recorded duration: the last verdict's measure, taken before the rollback, and the counted waits are both lower
        // bounds of the time the deployment took; the larger is the better one (a failure before any probe has only the count).
        Pass RecordedDuration(string id, string path) => new(_scope, id, new PassProps
        {
            Parameters = new Dictionary<string, object> { ["seconds.$"] = path },
            ResultPath = "$.duration",
        });
        var duration = new Choice(_scope, "MeasuredDurationKnown")
            .When(Condition.And(
                Condition.IsPresent(MeasuredSeconds),
                Condition.IsNumeric(MeasuredSeconds),
                Condition.NumberGreaterThanJsonPath(MeasuredSeconds, "$.counters.clock")), RecordedDuration("DurationFromLastVerdict", MeasuredSeconds).Next(release))
            .Otherwise(RecordedDuration("DurationFromCountedWaits", "$.counters.clock").Next(release));

        // Counters may be missing when the failure came before the health polls started.
        var ensureCounters = new Choice(_scope, "HasCounters")
            .When(Condition.IsPresent("$.counters"), duration)
            .Otherwise(new Pass(_scope, "ZeroCounters", new PassProps
            {
                Parameters = new Dictionary<string, object> { ["clock"] = 0, ["sinceShift"] = 0, ["polls"] = 0 },
                ResultPath = "$.counters",
            }).Next(duration));
        cleanupFailed.Next(ensureCounters);
        release.Next(record).Next(metrics).Next(rolledBack);
        foreach (var step in new State[] { release, record, metrics })
        {
            FlowTasks.CatchAll(step, rolledBack, "$.cleanupFailure");
        }

        decide.Next(new Choice(_scope, "RevertNeeded")
            .When(Condition.And(Condition.IsNull("$.revert.error"), Condition.StringEquals("$.revert.action", "Revert")), apply.Next(scaleDown))
            .When(Condition.IsNull("$.revert.error"), scaleDown)
            .Otherwise(new Pass(_scope, "RevertRefused", new PassProps
            {
                Comment = "The group no longer uses the recorded template (Deploy.RevertConflict): leave it as it is.",
                Parameters = new Dictionary<string, object> { ["error.$"] = "$.revert.error.name", ["cause.$"] = "$.revert.error.cause" },
                ResultPath = "$.cleanup",
            }).Next(ensureCounters)));
        scaleDown.Next(ensureCounters);
        describe.Next(decide);
        return FlowTasks.BestEffort(notify, describe);
    }

    /// <summary>
    /// The retire entry: wait <c>RetainPreviousFor</c>, then — only if no deployment holds the lock, the
    /// previous color is still the recorded warm previous, no rollback failed since, and it is still at weight 0 — record it
    /// not warm and scale it to zero.
    /// </summary>
    private IChainable BuildRetire()
    {
        var wait = new Wait(_scope, "RetainPreviousColor", new WaitProps
        {
            Comment = FlowPhases.Tag(FlowPhases.Retire, $"Keeps the previous color warm for {Secs(_config.RetainPreviousFor)} s."),
            Time = WaitTime.Duration(_config.RetainPreviousFor),
        });
        var skipped = new Succeed(_scope, "RetireSkipped", new SucceedProps { Comment = "A deployment is running, or the previous color became live again: keep it." });
        // A failed rollback since (rollbackFailedBy) keeps the previous color: it is the way back.
        var lockIt = AcquireLock(_scope, "LockForRetire", _context, "$.lock",
            $"liveColor = :newLive AND previousColor = :color AND previousWarm = :true AND attribute_not_exists({RollbackFailedMarker})",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":newLive"] = Str("$.retirePrevious.newLiveColor"),
                [":color"] = Str("$.retirePrevious.color"),
                [":true"] = DynamoAttributeValue.FromBoolean(true),
            });
        lockIt.AddCatch(skipped, new CatchProps { Errors = new[] { LockHeldError }, ResultPath = "$.lockError" });

        var release = ReleaseLock(_scope, "ReleaseRetireLock", _context);
        var failed = new Fail(_scope, "RetireFailed", new FailProps { ErrorPath = "$.failure.Error", CausePath = "$.failure.Cause" });
        var releaseOnFailure = ReleaseLock(_scope, "ReleaseRetireLockOnFailure", _context).Next(failed);

        var read = RuleWeights.Read(_scope, "ReadWeightsBeforeRetire", _fleet, "$.weights");
        // Not warm first, then scaled in: the record never calls a color warm that is being emptied (a rollback would flip
        // traffic to it). If the scale-in is refused, the color is as warm as before and the record says so again.
        var notWarm = Update(_scope, "MarkPreviousNotWarm", _context, "SET previousWarm = :false", "lockedBy = :me",
            new Dictionary<string, DynamoAttributeValue>
            {
                [":false"] = DynamoAttributeValue.FromBoolean(false),
                [":me"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.Execution.Id")),
            }, JsonPath.DISCARD, DynamoReturnValues.NONE);
        var scale = FlowSteps.ScaleToZero(_scope, "ScaleDownPreviousColor", _fleet, "$.retirePrevious.group");
        var stillWarm = FlowTasks.BestEffort(ReleaseLock(_scope, "ReleaseRetireLockStillWarm", _context, "previousWarm = :true",
            new Dictionary<string, DynamoAttributeValue> { [":true"] = DynamoAttributeValue.FromBoolean(true) }), releaseOnFailure);
        var mark = ReleaseLock(_scope, FlowStateNames.Deploy.RecordPreviousRetired, _context, "previousWarm = :false",
            new Dictionary<string, DynamoAttributeValue> { [":false"] = DynamoAttributeValue.FromBoolean(false) });
        foreach (var step in new State[] { read, notWarm, mark })
        {
            FlowTasks.CatchAll(step, releaseOnFailure, "$.failure");
        }

        FlowTasks.CatchAll(scale, stillWarm, "$.failure");

        var notify = Notifications.Publish(_scope, "NotifyPreviousRetired", _context, "PreviousColorRetired", "Previous color scaled to zero", "$.retirePrevious");
        notify.AddCatch(new Succeed(_scope, "RetiredWithoutNotice"), new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = "$.failure" });
        var retire = notWarm.Next(scale).Next(mark).Next(notify).Next(new Succeed(_scope, "PreviousRetired"));
        read.Next(new Choice(_scope, "PreviousStillIdle")
            .When(Condition.And(Condition.StringEquals("$.retirePrevious.color", "blue"), RuleWeights.HasWeight("$.weights", _fleet, FleetColor.Blue, 0)), retire)
            .When(Condition.And(Condition.StringEquals("$.retirePrevious.color", "green"), RuleWeights.HasWeight("$.weights", _fleet, FleetColor.Green, 0)), retire)
            .Otherwise(release.Next(skipped)));
        return wait.Next(lockIt).Next(read);
    }
}
