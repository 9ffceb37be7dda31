using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.SNS;
using Constructs;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The rollback alarms of one color: target 5XX count, healthy-host percentage and p99 response time,
/// combined by a composite alarm whose ALARM state starts the Rollback state machine.
/// </summary>
internal sealed class RollbackAlarms : Construct
{
    public RollbackAlarms(Construct scope, string id, BlueGreenFleet fleet, FleetColor color, ResolvedConfiguration config, string namePrefix, ITopic topic)
        : base(scope, id)
    {
        var colorName = color.ToString().ToLowerInvariant();
        var target5xxMetric = fleet.MetricHttpCodeTarget5xxCount(color);
        var healthyMetric = new MathExpression(new MathExpressionProps
        {
            Expression = "100 * healthy / (healthy + unhealthy)",
            UsingMetrics = new Dictionary<string, IMetric>
            {
                ["healthy"] = fleet.MetricHealthyHostCount(color),
                ["unhealthy"] = fleet.MetricUnHealthyHostCount(color),
            },
            Label = $"Healthy targets % ({colorName})",
            Period = Duration.Minutes(1),
        });
        var responseTimeMetric = fleet.MetricTargetResponseTime(color);

        Target5xx = new Alarm(this, "Target5xx", new AlarmProps
        {
            AlarmName = $"{namePrefix}-{colorName}-target-5xx",
            AlarmDescription = $"More than {config.MaxTarget5xxCount} target 5XX responses a minute on the {colorName} fleet for {ResolvedConfiguration.Target5xxEvaluationPeriods} minutes.",
            Metric = target5xxMetric,
            Threshold = config.MaxTarget5xxCount,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            EvaluationPeriods = ResolvedConfiguration.Target5xxEvaluationPeriods,
            // The ALB publishes no zero counts: no data means no errors.
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });

        // A percentage, so the alarm follows the group's size; an empty (idle) group divides 0 by 0,
        // which yields no data point and so never alarms.
        HealthyHosts = new Alarm(this, "HealthyHosts", new AlarmProps
        {
            AlarmName = $"{namePrefix}-{colorName}-healthy-hosts",
            AlarmDescription = $"Fewer than {config.MinHealthyPercentage}% of the {colorName} targets healthy for {ResolvedConfiguration.HealthyHostsEvaluationPeriods} minutes.",
            Metric = healthyMetric,
            Threshold = config.MinHealthyPercentage,
            ComparisonOperator = ComparisonOperator.LESS_THAN_THRESHOLD,
            EvaluationPeriods = ResolvedConfiguration.HealthyHostsEvaluationPeriods,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });

        ResponseTime = new Alarm(this, "ResponseTime", new AlarmProps
        {
            AlarmName = $"{namePrefix}-{colorName}-p99-response-time",
            AlarmDescription = $"p99 target response time of the {colorName} fleet above {config.MaxResponseTimeMs} ms for {ResolvedConfiguration.ResponseTimeEvaluationPeriods} minutes.",
            Metric = responseTimeMetric,
            // TargetResponseTime is in seconds.
            Threshold = config.MaxResponseTimeMs / 1000.0,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            EvaluationPeriods = ResolvedConfiguration.ResponseTimeEvaluationPeriods,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });

        // The slowest alarm's evaluation window: the first part of the stated worst-case time to rollback.
        EvaluationWindow = Duration.Seconds(new[]
        {
            ResolvedConfiguration.Target5xxEvaluationPeriods * target5xxMetric.Period.ToSeconds(),
            ResolvedConfiguration.HealthyHostsEvaluationPeriods * healthyMetric.Period.ToSeconds(),
            ResolvedConfiguration.ResponseTimeEvaluationPeriods * responseTimeMetric.Period.ToSeconds(),
        }.Max());

        CompositeName = $"{namePrefix}-{colorName}-rollback";
        Composite = new CompositeAlarm(this, "Composite", new CompositeAlarmProps
        {
            CompositeAlarmName = CompositeName,
            AlarmDescription = $"Any rollback alarm of the {colorName} fleet. Entering ALARM starts the Rollback state machine.",
            AlarmRule = AlarmRule.AnyOf(Target5xx, HealthyHosts, ResponseTime),
        });
        Composite.AddAlarmAction(new SnsAction(topic));
        Composite.AddOkAction(new SnsAction(topic));
    }

    public Alarm Target5xx { get; }

    public Alarm HealthyHosts { get; }

    public Alarm ResponseTime { get; }

    public CompositeAlarm Composite { get; }

    /// <summary>The longest evaluation window of the three alarms (evaluation periods × period): how long a problem may last before the composite alarm can enter ALARM.</summary>
    public Duration EvaluationWindow { get; }

    /// <summary>The composite alarm's name as a plain string (the state machines match alarm events on it).</summary>
    public string CompositeName { get; }
}
