namespace Deploy.Rehearsal.Simulation.Alarms;

/// <summary>
/// One entry of an alarm's <c>Metrics</c> (CloudFormation <c>AWS::CloudWatch::Alarm MetricDataQuery</c>): a metric with
/// its statistic and period, or a math <see cref="Expression"/> over the other entries' ids. A single-metric alarm
/// (top-level <c>MetricName</c>, <c>Statistic</c>, …) is read as one such entry with <see cref="ReturnData"/> set.
/// </summary>
public sealed record AlarmMetric
{
    /// <summary>The id other entries' expressions use.</summary>
    public required string Id { get; init; }

    /// <summary>A metric math expression (only arithmetic over ids and numbers is simulated); <see langword="null"/> for a metric.</summary>
    public string? Expression { get; init; }

    /// <summary>The metric's namespace, for example <c>AWS/ApplicationELB</c>.</summary>
    public string? Namespace { get; init; }

    /// <summary>The metric's name, for example <c>HTTPCode_Target_5XX_Count</c>.</summary>
    public string? MetricName { get; init; }

    /// <summary>The metric's dimensions by name.</summary>
    public IReadOnlyDictionary<string, string> Dimensions { get; init; } = new Dictionary<string, string>();

    /// <summary>The statistic (<c>Sum</c>, <c>Minimum</c>, <c>Maximum</c>, <c>p99</c>, …; an extended statistic included).</summary>
    public string? Stat { get; init; }

    /// <summary>The period in seconds.</summary>
    public int? Period { get; init; }

    /// <summary>Whether this entry is the alarm's value (exactly one entry returns data).</summary>
    public bool ReturnData { get; init; } = true;
}
