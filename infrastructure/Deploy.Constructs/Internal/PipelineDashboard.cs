using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Constructs;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The pipeline's dashboard: traffic weights, target health, 5XX and latency per color, deployment outcomes
/// and the composite rollback alarms.
/// </summary>
internal static class PipelineDashboard
{
    public static Dashboard Create(Construct scope, string id, string name, DeploymentPipeline pipeline, IAlarm blueAlarm, IAlarm greenAlarm)
    {
        var fleet = pipeline.Fleet;
        var colors = new[] { FleetColor.Blue, FleetColor.Green };

        GraphWidget PerColor(string title, Func<FleetColor, IMetric> metric, string unit) => new(new GraphWidgetProps
        {
            Title = title,
            Left = colors.Select(metric).ToArray(),
            LeftYAxis = new YAxisProps { Label = unit, ShowUnits = false },
            Width = 12,
            Height = 6,
        });

        var dashboard = new Dashboard(scope, id, new DashboardProps { DashboardName = name });
        dashboard.AddWidgets(
            PerColor("Traffic weight (%)", c => pipeline.MetricTrafficWeight(c), "%"),
            PerColor("Healthy targets", c => fleet.MetricHealthyHostCount(c), "targets"));
        dashboard.AddWidgets(
            PerColor("Target 5XX responses", c => fleet.MetricHttpCodeTarget5xxCount(c), "count"),
            PerColor("p99 target response time", c => fleet.MetricTargetResponseTime(c), "seconds"));
        dashboard.AddWidgets(
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Deployment outcomes",
                Left = new IMetric[]
                {
                    pipeline.MetricDeploymentsStarted(), pipeline.MetricDeploymentsSucceeded(),
                    pipeline.MetricDeploymentsFailed(), pipeline.MetricDeploymentsRolledBack(),
                },
                Stacked = false,
                Width = 12,
                Height = 6,
            }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Deployment duration and time to rollback (s)",
                Left = new IMetric[] { pipeline.MetricDeploymentDuration(), pipeline.MetricTimeToRollback() },
                Width = 12,
                Height = 6,
            }));
        dashboard.AddWidgets(new AlarmStatusWidget(new AlarmStatusWidgetProps
        {
            Title = "Rollback alarms",
            Alarms = new[] { blueAlarm, greenAlarm },
            Width = 24,
            Height = 3,
        }));
        return dashboard;
    }
}
