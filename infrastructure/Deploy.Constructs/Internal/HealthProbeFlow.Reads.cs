using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;

namespace Deploy.Constructs.Internal;

/// <summary>The HealthProbe's reads of the color, by phase, target health last; then the verdict.</summary>
internal static partial class HealthProbeFlow
{
    /// <summary>
    /// After traffic: the metrics, the composite alarm, target health; before traffic: the alarm and target health; any
    /// other phase is malformed. Target health is read last, right before the verdict: whatever the other reads wait for (a
    /// throttled call's retry pauses), the verdict judges the targets as they are when it is taken. The composite alarm is
    /// read in both phases: a color whose alarm is still in ALARM from its boot gets no traffic.
    /// </summary>
    private static Choice ReadsByPhase(Construct scope, FlowContext context, Fail malformed)
    {
        var fleet = context.Fleet;
        var (evaluateBefore, evaluateAfter) = Verdicts(scope, context);
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

        static Dictionary<string, object> Query(BlueGreenFleet fleet, string id, string metricName, string stat) => new()
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
                    Query(fleet, HealthMetricIds.Target5xx, "HTTPCode_Target_5XX_Count", "Sum"),
                    Query(fleet, HealthMetricIds.P99, "TargetResponseTime", "p99"),
                    Query(fleet, HealthMetricIds.Requests, "RequestCount", "Sum"),
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

        var afterTraffic = Condition.And(Condition.StringEquals(P(s => s.Phase), HealthProbeRequest.AfterTraffic), Condition.IsPresent(P(s => s.Since)));
        describeTargetHealth.Next(new Choice(scope, "EvaluateByPhase")
            .When(afterTraffic, evaluateAfter)
            .Otherwise(evaluateBefore));
        return new Choice(scope, "ByPhase")
            .When(afterTraffic, getMetricData.Next(describeAlarm).Next(describeTargetHealth))
            .When(Condition.StringEquals(P(s => s.Phase), HealthProbeRequest.BeforeTraffic), describeAlarm)
            .Otherwise(malformed);
    }
}
