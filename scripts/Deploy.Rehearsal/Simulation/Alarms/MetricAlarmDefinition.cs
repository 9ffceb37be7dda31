namespace Deploy.Rehearsal.Simulation.Alarms;

/// <summary>One <c>AWS::CloudWatch::Alarm</c> of the template, resolved (names, thresholds, evaluation settings, actions).</summary>
public sealed record MetricAlarmDefinition
{
    /// <summary>The resource's logical id.</summary>
    public required string LogicalId { get; init; }

    /// <summary>The alarm's name (<c>AlarmName</c>, or its Ref value).</summary>
    public required string Name { get; init; }

    /// <summary>The alarm's ARN (its resolved <c>Fn::GetAtt Arn</c>, as composite rules and event patterns name it).</summary>
    public required string Arn { get; init; }

    /// <summary><c>AlarmDescription</c>.</summary>
    public string? Description { get; init; }

    /// <summary>The metric, or the metrics and the expression whose <see cref="AlarmMetric.ReturnData"/> entry is the alarm's value.</summary>
    public required IReadOnlyList<AlarmMetric> Metrics { get; init; }

    /// <summary>The period of every metric, in seconds (CloudWatch requires one period for all metrics of an alarm).</summary>
    public required int Period { get; init; }

    /// <summary>N: the number of most recent periods evaluated.</summary>
    public required int EvaluationPeriods { get; init; }

    /// <summary>M: breaching datapoints among the last N that put the alarm in ALARM. Default: <see cref="EvaluationPeriods"/>.</summary>
    public required int DatapointsToAlarm { get; init; }

    /// <summary>The threshold the value is compared with.</summary>
    public required double Threshold { get; init; }

    /// <summary><c>GreaterThanThreshold</c>, <c>GreaterThanOrEqualToThreshold</c>, <c>LessThanThreshold</c> or <c>LessThanOrEqualToThreshold</c>.</summary>
    public required string ComparisonOperator { get; init; }

    /// <summary><c>missing</c> (the default), <c>notBreaching</c>, <c>breaching</c> or <c>ignore</c>.</summary>
    public required string TreatMissingData { get; init; }

    /// <summary>Whether actions run on state changes (<c>ActionsEnabled</c>, default true).</summary>
    public bool ActionsEnabled { get; init; } = true;

    /// <summary>Actions on entering ALARM.</summary>
    public IReadOnlyList<string> AlarmActions { get; init; } = [];

    /// <summary>Actions on entering OK.</summary>
    public IReadOnlyList<string> OkActions { get; init; } = [];

    /// <summary>Actions on entering INSUFFICIENT_DATA.</summary>
    public IReadOnlyList<string> InsufficientDataActions { get; init; } = [];

    /// <summary>The entry whose value the alarm compares.</summary>
    public AlarmMetric Returned => Metrics.Single(m => m.ReturnData);

    /// <summary>Whether <paramref name="value"/> breaches the threshold.</summary>
    public bool Breaches(double value) => ComparisonOperator switch
    {
        "GreaterThanThreshold" => value > Threshold,
        "GreaterThanOrEqualToThreshold" => value >= Threshold,
        "LessThanThreshold" => value < Threshold,
        "LessThanOrEqualToThreshold" => value <= Threshold,
        _ => throw new NotSupportedException($"Alarm {Name}: ComparisonOperator {ComparisonOperator} is not simulated."),
    };

    /// <summary>The comparison as CloudWatch words it in a state reason ("greater than", …).</summary>
    public string ComparisonWords => ComparisonOperator switch
    {
        "GreaterThanThreshold" => "greater than",
        "GreaterThanOrEqualToThreshold" => "greater than or equal to",
        "LessThanThreshold" => "less than",
        "LessThanOrEqualToThreshold" => "less than or equal to",
        _ => ComparisonOperator,
    };
}
