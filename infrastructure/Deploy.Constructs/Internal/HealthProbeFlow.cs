using System.Linq.Expressions;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The HealthProbe flow (an Express state machine): one color's composite-alarm state and target health, and after the
/// traffic shift its 5XX count, p99 response time and request count, turned into a HealthCheck verdict.
/// </summary>
/// <remarks>
/// Input: a <see cref="HealthProbeRequest"/>; the execution's data: a <see cref="HealthProbeState"/>; output: a
/// <see cref="HealthProbeOutput"/> (the verdict, the rule weights and, when asked for, the state item).
/// </remarks>
internal static class HealthProbeFlow
{
    private static string P(Expression<Func<HealthProbeState, object?>> member) => HealthProbeState.Path(member);

    private static string Key<T>(Expression<Func<T, object?>> member) => StatePath.Name(member);

    /// <summary>JSON null as a Parameters value (a path to a missing field would fail the state).</summary>
    private const string JsonNull = "States.StringToJson('null')";

    private static string Out(Expression<Func<HealthProbeOutput, object?>> member) => HealthProbeOutput.Name(member);

    public static IChainable Build(Construct scope, FlowContext context)
    {
        var fleet = context.Fleet;
        var config = context.Config;
        var defaults = new Dictionary<string, object>
        {
            [Key<HealthThresholds>(t => t.MinHealthyPercentage)] = config.MinHealthyPercentage,
            [Key<HealthThresholds>(t => t.MaxTarget5xxCount)] = config.MaxTarget5xxCount,
            [Key<HealthThresholds>(t => t.MaxP99ResponseTimeMs)] = config.MaxResponseTimeMs,
        };
        if (config.MaxTarget5xxPercent is { } maxPercent)
        {
            defaults[Key<HealthThresholds>(t => t.MaxTarget5xxPercent)] = maxPercent;
        }

        Pass Resources(FleetColor color, string alarmName) => new(scope, $"{color}Resources", new PassProps
        {
            Comment = $"The {color.ToString().ToLowerInvariant()} fleet's target group and composite alarm.",
            Parameters = new Dictionary<string, object>
            {
                [Key<ProbeResources>(r => r.TargetGroupArn)] = fleet.TargetGroup(color).TargetGroupArn,
                [Key<ProbeResources>(r => r.TargetGroupFullName)] = fleet.TargetGroupFullName(color),
                [Key<ProbeResources>(r => r.CompositeAlarmName)] = alarmName,
                [Key<ProbeResources>(r => r.DefaultThresholds)] = defaults,
            },
            ResultPath = P(s => s.Resources),
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
                [Key<ProbeThresholds>(t => t.Thresholds) + ".$"] = $"States.JsonMerge({P(s => s.Resources.DefaultThresholds)}, {P(s => s.Thresholds)}, false)",
            },
            ResultPath = P(s => s.Effective),
        });
        var defaultThresholds = new Pass(scope, "DefaultThresholds", new PassProps
        {
            Parameters = new Dictionary<string, object> { [Key<ProbeThresholds>(t => t.Thresholds) + ".$"] = P(s => s.Resources.DefaultThresholds) },
            ResultPath = P(s => s.Effective),
        });

        // expectedTargets is optional: the handler's input always names it, as JSON null when the probe input has none
        // (a path to a missing field would fail the state).
        var withExpected = new Pass(scope, "ExpectedTargetsGiven", new PassProps
        {
            Parameters = new Dictionary<string, object> { [Key<ProbeExpectedTargets>(e => e.Targets) + ".$"] = P(s => s.ExpectedTargets) },
            ResultPath = P(s => s.Expected),
        });
        var withoutExpected = new Pass(scope, "ExpectedTargetsNotGiven", new PassProps
        {
            Parameters = new Dictionary<string, object> { [Key<ProbeExpectedTargets>(e => e.Targets) + ".$"] = JsonNull },
            ResultPath = P(s => s.Expected),
        });
        var expected = new Choice(scope, "HasExpectedTargets")
            .When(Condition.IsPresent(P(s => s.ExpectedTargets)), withExpected)
            .Otherwise(withoutExpected);

        // deploymentStartedAt is optional too (the CLI's health command probes without it): passed on, or JSON null.
        var withStart = new Pass(scope, "DeploymentStartGiven", new PassProps
        {
            Parameters = new Dictionary<string, object> { [Key<ProbeStart>(t => t.At) + ".$"] = P(s => s.DeploymentStartedAt) },
            ResultPath = P(s => s.Started),
        });
        var withoutStart = new Pass(scope, "DeploymentStartNotGiven", new PassProps
        {
            Parameters = new Dictionary<string, object> { [Key<ProbeStart>(t => t.At) + ".$"] = JsonNull },
            ResultPath = P(s => s.Started),
        });
        var started = new Choice(scope, "HasDeploymentStart")
            .When(Condition.IsPresent(P(s => s.DeploymentStartedAt)), withStart)
            .Otherwise(withoutStart);

        var describeTargetHealth = FlowTasks.Aws(scope, "DescribeTargetHealth", new AwsCall("elasticloadbalancingv2", "describeTargetHealth",
            "elasticloadbalancing:DescribeTargetHealth",
            // Describe* actions of Elastic Load Balancing have no resource-level permissions.
            new[] { "*" },
            new Dictionary<string, object> { ["TargetGroupArn.$"] = P(s => s.Resources.TargetGroupArn) })
        {
            ResultPath = P(s => s.TargetHealth),
            ResultSelector = new Dictionary<string, object>
            {
                [Key<DescribeTargetHealthResponse>(r => r.TargetHealthDescriptions) + ".$"] = StatePath.Of<DescribeTargetHealthResponse>(r => r.TargetHealthDescriptions),
            },
        });

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
                        new Dictionary<string, object> { ["Name"] = "TargetGroup", ["Value.$"] = P(s => s.Resources.TargetGroupFullName) },
                    },
                },
                ["Period"] = 60,
                ["Stat"] = stat,
            },
        };

        var getMetricData = FlowTasks.Aws(scope, "GetMetricData", new AwsCall("cloudwatch", "getMetricData", "cloudwatch:GetMetricData",
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
                ["StartTime.$"] = P(s => s.Since),
                ["EndTime.$"] = StatePath.Context(c => c.State.EnteredTime),
            })
        {
            ResultPath = P(s => s.MetricData),
            ResultSelector = new Dictionary<string, object>
            {
                [Key<GetMetricDataResponse>(r => r.MetricDataResults) + ".$"] = StatePath.Of<GetMetricDataResponse>(r => r.MetricDataResults),
            },
        });

        var describeAlarm = FlowTasks.Aws(scope, "DescribeCompositeAlarm", new AwsCall("cloudwatch", "describeAlarms", "cloudwatch:DescribeAlarms",
            // DescribeAlarms is a List action without resource-level permissions.
            new[] { "*" },
            new Dictionary<string, object>
            {
                ["AlarmNames.$"] = $"States.Array({P(s => s.Resources.CompositeAlarmName)})",
                ["AlarmTypes"] = new[] { "CompositeAlarm" },
            })
        {
            ResultPath = P(s => s.Alarm),
            ResultSelector = new Dictionary<string, object>
            {
                [Key<ProbeAlarm>(a => a.State) + ".$"] = StatePath.Of<DescribeAlarmsResult>(r => r.CompositeAlarms[0].StateValue),
            },
        });

        Dictionary<string, object> Payload(bool afterTraffic)
        {
            var payload = new Dictionary<string, object>
            {
                [Key<HealthCheckInput>(i => i.Phase) + ".$"] = P(s => s.Phase),
                [Key<HealthCheckInput>(i => i.Color) + ".$"] = P(s => s.Color),
                [Key<HealthCheckInput>(i => i.Thresholds) + ".$"] = P(s => s.Effective.Thresholds),
                [Key<HealthCheckInput>(i => i.ExpectedTargets) + ".$"] = P(s => s.Expected.Targets),
                [Key<HealthCheckInput>(i => i.TargetHealth) + ".$"] = P(s => s.TargetHealth),
                // The handler measures the time since the deployment started from these two (it reads no clock).
                [Key<HealthCheckInput>(i => i.DeploymentStartedAt) + ".$"] = P(s => s.Started.At),
                [Key<HealthCheckInput>(i => i.EvaluatedAt) + ".$"] = StatePath.Context(c => c.State.EnteredTime),
            };
            // The composite alarm in both phases: before traffic, ALARM makes the verdict Pending (traffic waits for OK).
            payload[Key<HealthCheckInput>(i => i.AlarmState) + ".$"] = P(s => s.Alarm.State);
            if (afterTraffic)
            {
                payload[Key<HealthCheckInput>(i => i.MetricData) + ".$"] = P(s => s.MetricData);
            }

            return payload;
        }

        var evaluateBefore = FlowTasks.Decide(scope, "EvaluateBeforeTraffic", context.HealthCheck, Payload(false), P(s => s.Verdict));
        var evaluateAfter = FlowTasks.Decide(scope, "EvaluateAfterTraffic", context.HealthCheck, Payload(true), P(s => s.Verdict));

        var verdictError = new Fail(scope, "VerdictError", new FailProps { ErrorPath = P(s => s.Verdict.Error!.Name), CausePath = P(s => s.Verdict.Error!.Cause) });
        // The verdict, plus the rule weights so operators (CLI health/info) see both from the Step Functions API alone.
        var weights = RuleWeights.Read(scope, "ReadRuleWeights", fleet, P(s => s.Weights));
        Pass Output(string id, bool withRecord)
        {
            var parameters = new Dictionary<string, object>
            {
                [Out(o => o.Color) + ".$"] = P(s => s.Color),
                [Out(o => o.Phase) + ".$"] = P(s => s.Phase),
                [Out(o => o.Status) + ".$"] = P(s => s.Verdict.Status),
                [Out(o => o.Reasons) + ".$"] = P(s => s.Verdict.Reasons),
                [Out(o => o.Evidence) + ".$"] = P(s => s.Verdict.Evidence),
                [Out(o => o.ElapsedSeconds) + ".$"] = P(s => s.Verdict.ElapsedSeconds),
                // The service's own clock at the verdict: a caller's next metric window ends here, whatever its clock says.
                [Out(o => o.EvaluatedAt) + ".$"] = StatePath.Context(c => c.State.EnteredTime),
                [Out(o => o.Weights) + ".$"] = P(s => s.Weights.TargetGroups),
                [Out(o => o.TargetGroups)] = new Dictionary<string, object>
                {
                    [Key<ColorTargetGroups>(g => g.Blue)] = fleet.TargetGroup(FleetColor.Blue).TargetGroupArn,
                    [Key<ColorTargetGroups>(g => g.Green)] = fleet.TargetGroup(FleetColor.Green).TargetGroupArn,
                },
            };
            if (withRecord)
            {
                parameters[Out(o => o.Record) + ".$"] = P(s => s.Record);
            }

            return new Pass(scope, id, new PassProps { Parameters = parameters });
        }

        var ready = new Succeed(scope, "VerdictReady");
        var done = Output("VerdictWithWeights", withRecord: false).Next(ready);
        // Asked for by the CLI (info, status): the state item as well — the lock holder, the live, previous and deploying
        // colors and whether the previous color is warm — so operators see it with Step Functions permissions alone. A
        // refused read still answers with the verdict and the weights (no record).
        var readRecord = StateTable.ReadState(scope, "ReadStateRecord", context, P(s => s.Record));
        readRecord.AddCatch(done, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = P(s => s.RecordFailure) });
        readRecord.Next(Output("VerdictWithRecord", withRecord: true)).Next(ready);
        var checkVerdict = new Choice(scope, "VerdictOk")
            .When(Condition.And(Condition.IsNull(P(s => s.Verdict.Error)), Condition.IsPresent(P(s => s.ReadRecord)), Condition.BooleanEquals(P(s => s.ReadRecord), true)), readRecord)
            .When(Condition.IsNull(P(s => s.Verdict.Error)), done)
            .Otherwise(verdictError);
        evaluateBefore.Next(checkVerdict);
        evaluateAfter.Next(checkVerdict);

        // Target health is read last, right before the verdict: whatever the other reads wait for (a throttled call's retry
        // pauses), the verdict judges the targets as they are when it is taken, not as they were before those waits. The
        // composite alarm is read in both phases: a color whose alarm is still in ALARM from its boot gets no traffic.
        var afterTraffic = Condition.And(Condition.StringEquals(P(s => s.Phase), HealthProbeRequest.AfterTraffic), Condition.IsPresent(P(s => s.Since)));
        describeTargetHealth.Next(new Choice(scope, "EvaluateByPhase")
            .When(afterTraffic, evaluateAfter)
            .Otherwise(evaluateBefore));
        var byPhase = new Choice(scope, "ByPhase")
            .When(afterTraffic, getMetricData.Next(describeAlarm).Next(describeTargetHealth))
            .When(Condition.StringEquals(P(s => s.Phase), HealthProbeRequest.BeforeTraffic), describeAlarm)
            .Otherwise(malformed);

        var thresholds = new Choice(scope, "HasThresholdOverrides")
            .When(Condition.IsPresent(P(s => s.Thresholds)), mergeThresholds)
            .Otherwise(defaultThresholds);
        mergeThresholds.Next(expected);
        defaultThresholds.Next(expected);
        withExpected.Next(started);
        withoutExpected.Next(started);
        withStart.Next(weights);
        withoutStart.Next(weights);
        weights.Next(byPhase);

        return new Choice(scope, "SelectColor")
            .When(Condition.StringEquals(P(s => s.Color), FlowContext.Name(FleetColor.Blue)), Resources(FleetColor.Blue, context.BlueCompositeName).Next(thresholds))
            .When(Condition.StringEquals(P(s => s.Color), FlowContext.Name(FleetColor.Green)), Resources(FleetColor.Green, context.GreenCompositeName).Next(thresholds))
            .Otherwise(malformed);
    }
}
