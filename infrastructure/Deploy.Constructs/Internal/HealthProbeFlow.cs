using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using Deploy.Contracts;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The HealthProbe flow (an Express state machine): one color's composite-alarm state and target health, and after the
/// traffic shift its 5XX count, p99 response time and request count, turned into a HealthCheck verdict.
/// </summary>
/// <remarks>
/// Input: <c>{ "color": "blue"|"green", "phase": "BeforeTraffic"|"AfterTraffic", "since"?: ISO-8601 start of
/// the metric window (required after traffic), "expectedTargets"?: the color's group's desired capacity (the Deploy
/// and Rollback flows always pass it; without it the verdict judges whatever is registered), "deploymentStartedAt"?: the
/// calling execution's <c>$$.Execution.StartTime</c> (the flows always pass it), "thresholds"?: overrides of the configured
/// thresholds, "readRecord"?: true to add the environment's state item (DynamoDB JSON, <c>record.Item</c>) to the output }</c>. Output: the verdict (<c>status</c>, <c>reasons</c>, <c>evidence</c>, <c>elapsedSeconds</c>: seconds from
/// <c>deploymentStartedAt</c> to the verdict, null without it) and the rule weights.
/// </remarks>
internal static class HealthProbeFlow
{
    public static IChainable Build(Construct scope, FlowContext context)
    {
        var fleet = context.Fleet;
        var config = context.Config;
        var defaults = new Dictionary<string, object>
        {
            ["minHealthyPercentage"] = config.MinHealthyPercentage,
            ["maxTarget5xxCount"] = config.MaxTarget5xxCount,
            ["maxP99ResponseTimeMs"] = config.MaxResponseTimeMs,
        };
        if (config.MaxTarget5xxPercent is { } maxPercent)
        {
            defaults["maxTarget5xxPercent"] = maxPercent;
        }

        Pass Resources(FleetColor color, string alarmName) => new(scope, $"{color}Resources", new PassProps
        {
            Comment = $"The {color.ToString().ToLowerInvariant()} fleet's target group and composite alarm.",
            Parameters = new Dictionary<string, object>
            {
                ["targetGroupArn"] = fleet.TargetGroup(color).TargetGroupArn,
                ["targetGroupFullName"] = fleet.TargetGroupFullName(color),
                ["compositeAlarmName"] = alarmName,
                ["defaultThresholds"] = defaults,
            },
            ResultPath = "$.resources",
        });

        var malformed = new Fail(scope, "MalformedProbeInput", new FailProps
        {
            Error = DeployErrors.MalformedInput,
            Cause = "HealthProbe input needs color blue or green, phase BeforeTraffic or AfterTraffic, and since (an ISO-8601 time) after traffic.",
        });

        var mergeThresholds = new Pass(scope, "MergeThresholds", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                ["thresholds.$"] = "States.JsonMerge($.resources.defaultThresholds, $.thresholds, false)",
            },
            ResultPath = "$.effective",
        });
        var defaultThresholds = new Pass(scope, "DefaultThresholds", new PassProps
        {
            Parameters = new Dictionary<string, object> { ["thresholds.$"] = "$.resources.defaultThresholds" },
            ResultPath = "$.effective",
        });

        // expectedTargets is optional: the handler's input always names it, as JSON null when the probe input has none
        // (a path to a missing field would fail the state).
        var withExpected = new Pass(scope, "ExpectedTargetsGiven", new PassProps
        {
            Parameters = new Dictionary<string, object> { ["targets.$"] = "$.expectedTargets" },
            ResultPath = "$.expected",
        });
        var withoutExpected = new Pass(scope, "ExpectedTargetsNotGiven", new PassProps
        {
            Parameters = new Dictionary<string, object> { ["targets.$"] = "States.StringToJson('null')" },
            ResultPath = "$.expected",
        });
        var expected = new Choice(scope, "HasExpectedTargets")
            .When(Condition.IsPresent("$.expectedTargets"), withExpected)
            .Otherwise(withoutExpected);

        // deploymentStartedAt is optional too (the CLI's health command probes without it): passed on, or JSON null.
        var withStart = new Pass(scope, "DeploymentStartGiven", new PassProps
        {
            Parameters = new Dictionary<string, object> { ["at.$"] = "$.deploymentStartedAt" },
            ResultPath = "$.started",
        });
        var withoutStart = new Pass(scope, "DeploymentStartNotGiven", new PassProps
        {
            Parameters = new Dictionary<string, object> { ["at.$"] = "States.StringToJson('null')" },
            ResultPath = "$.started",
        });
        var started = new Choice(scope, "HasDeploymentStart")
            .When(Condition.IsPresent("$.deploymentStartedAt"), withStart)
            .Otherwise(withoutStart);

        var describeTargetHealth = FlowTasks.Aws(scope, "DescribeTargetHealth", "elasticloadbalancingv2", "describeTargetHealth",
            "elasticloadbalancing:DescribeTargetHealth",
            // Describe* actions of Elastic Load Balancing have no resource-level permissions.
            new[] { "*" },
            new Dictionary<string, object> { ["TargetGroupArn.$"] = "$.resources.targetGroupArn" },
            resultPath: "$.targetHealth",
            resultSelector: new Dictionary<string, object> { ["TargetHealthDescriptions.$"] = "$.TargetHealthDescriptions" });

        Dictionary<string, object> Query(string id, string metricName, string stat) => new()
        {
            ["Id"] = id,
            ["MetricStat"] = new Dictionary<string, object>
            {
                ["Metric"] = new Dictionary<string, object>
                {
                    ["Namespace"] = "AWS/ApplicationELB",
                    ["MetricName"] = metricName,
                    ["Dimensions"] = new object[]
                    {
                        new Dictionary<string, object> { ["Name"] = "LoadBalancer", ["Value"] = fleet.LoadBalancerFullName },
                        new Dictionary<string, object> { ["Name"] = "TargetGroup", ["Value.$"] = "$.resources.targetGroupFullName" },
                    },
                },
                ["Period"] = 60,
                ["Stat"] = stat,
            },
        };

        var getMetricData = FlowTasks.Aws(scope, "GetMetricData", "cloudwatch", "getMetricData", "cloudwatch:GetMetricData",
            // GetMetricData has no resource-level permissions.
            new[] { "*" },
            new Dictionary<string, object>
            {
                ["MetricDataQueries"] = new object[]
                {
                    Query(HealthMetricIds.Target5xx, "HTTPCode_Target_5XX_Count", "Sum"),
                    Query(HealthMetricIds.P99, "TargetResponseTime", "p99"),
                    Query(HealthMetricIds.Requests, "RequestCount", "Sum"),
                },
                ["StartTime.$"] = "$.since",
                ["EndTime.$"] = "$$.State.EnteredTime",
            },
            resultPath: "$.metricData",
            resultSelector: new Dictionary<string, object> { ["MetricDataResults.$"] = "$.MetricDataResults" });

        var describeAlarm = FlowTasks.Aws(scope, "DescribeCompositeAlarm", "cloudwatch", "describeAlarms", "cloudwatch:DescribeAlarms",
            // DescribeAlarms is a List action without resource-level permissions.
            new[] { "*" },
            new Dictionary<string, object>
            {
                ["AlarmNames.$"] = "States.Array($.resources.compositeAlarmName)",
                ["AlarmTypes"] = new[] { "CompositeAlarm" },
            },
            resultPath: "$.alarm",
            resultSelector: new Dictionary<string, object> { ["state.$"] = "$.CompositeAlarms[0].StateValue" });

        Dictionary<string, object> Payload(bool afterTraffic)
        {
            var payload = new Dictionary<string, object>
            {
                ["phase.$"] = "$.phase",
                ["color.$"] = "$.color",
                ["thresholds.$"] = "$.effective.thresholds",
                ["expectedTargets.$"] = "$.expected.targets",
                ["targetHealth.$"] = "$.targetHealth",
                // The handler measures the time since the deployment started from these two (it reads no clock).
                ["deploymentStartedAt.$"] = "$.started.at",
                ["evaluatedAt.$"] = "$$.State.EnteredTime",
            };
            // The composite alarm in both phases: before traffic, ALARM makes the verdict Pending (traffic waits for OK).
            payload["alarmState.$"] = "$.alarm.state";
            if (afterTraffic)
            {
                payload["metricData.$"] = "$.metricData";
            }

            return payload;
        }

        var evaluateBefore = FlowTasks.Decide(scope, "EvaluateBeforeTraffic", context.HealthCheck, Payload(false), "$.verdict");
        var evaluateAfter = FlowTasks.Decide(scope, "EvaluateAfterTraffic", context.HealthCheck, Payload(true), "$.verdict");

        var verdictError = new Fail(scope, "VerdictError", new FailProps { ErrorPath = "$.verdict.error.name", CausePath = "$.verdict.error.cause" });
        // The verdict, plus the rule weights so operators (CLI health/info) see both from the Step Functions API alone.
        var weights = RuleWeights.Read(scope, "ReadRuleWeights", fleet, "$.weights");
        Pass Output(string id, bool withRecord)
        {
            var parameters = new Dictionary<string, object>
            {
                ["color.$"] = "$.color",
                ["phase.$"] = "$.phase",
                ["status.$"] = "$.verdict.status",
                ["reasons.$"] = "$.verdict.reasons",
                ["evidence.$"] = "$.verdict.evidence",
                ["elapsedSeconds.$"] = "$.verdict.elapsedSeconds",
                // The service's own clock at the verdict: a caller's next metric window ends here, whatever its clock says.
                ["evaluatedAt.$"] = "$$.State.EnteredTime",
                ["weights.$"] = "$.weights.targetGroups",
                ["targetGroups"] = new Dictionary<string, object>
                {
                    ["blue"] = fleet.TargetGroup(FleetColor.Blue).TargetGroupArn,
                    ["green"] = fleet.TargetGroup(FleetColor.Green).TargetGroupArn,
                },
            };
            if (withRecord)
            {
                parameters["record.$"] = "$.record";
            }

            return new Pass(scope, id, new PassProps { Parameters = parameters });
        }

        var ready = new Succeed(scope, "VerdictReady");
        var done = Output("VerdictWithWeights", withRecord: false).Next(ready);
        // Asked for by the CLI (info, status): the state item as well — the lock holder, the live, previous and deploying
        // colors and whether the previous color is warm — so operators see it with Step Functions permissions alone. A
        // refused read still answers with the verdict and the weights (no record).
        var readRecord = StateTable.ReadState(scope, "ReadStateRecord", context, "$.record");
        readRecord.AddCatch(done, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = "$.recordFailure" });
        readRecord.Next(Output("VerdictWithRecord", withRecord: true)).Next(ready);
        var checkVerdict = new Choice(scope, "VerdictOk")
            .When(Condition.And(Condition.IsNull("$.verdict.error"), Condition.IsPresent("$.readRecord"), Condition.BooleanEquals("$.readRecord", true)), readRecord)
            .When(Condition.IsNull("$.verdict.error"), done)
            .Otherwise(verdictError);
        evaluateBefore.Next(checkVerdict);
        evaluateAfter.Next(checkVerdict);

        // Target health is read last, right before the verdict: whatever the other reads wait for (a throttled call's retry
        // pauses), the verdict judges the targets as they are when it is taken, not as they were before those waits. The
        // composite alarm is read in both phases: a color whose alarm is still in ALARM from its boot gets no traffic.
        var afterTraffic = Condition.And(Condition.StringEquals("$.phase", "AfterTraffic"), Condition.IsPresent("$.since"));
        describeTargetHealth.Next(new Choice(scope, "EvaluateByPhase")
            .When(afterTraffic, evaluateAfter)
            .Otherwise(evaluateBefore));
        var byPhase = new Choice(scope, "ByPhase")
            .When(afterTraffic, getMetricData.Next(describeAlarm).Next(describeTargetHealth))
            .When(Condition.StringEquals("$.phase", "BeforeTraffic"), describeAlarm)
            .Otherwise(malformed);

        var thresholds = new Choice(scope, "HasThresholdOverrides")
            .When(Condition.IsPresent("$.thresholds"), mergeThresholds)
            .Otherwise(defaultThresholds);
        mergeThresholds.Next(expected);
        defaultThresholds.Next(expected);
        withExpected.Next(started);
        withoutExpected.Next(started);
        withStart.Next(weights);
        withoutStart.Next(weights);
        weights.Next(byPhase);

        return new Choice(scope, "SelectColor")
            .When(Condition.StringEquals("$.color", "blue"), Resources(FleetColor.Blue, context.BlueCompositeName).Next(thresholds))
            .When(Condition.StringEquals("$.color", "green"), Resources(FleetColor.Green, context.GreenCompositeName).Next(thresholds))
            .Otherwise(malformed);
    }
}
