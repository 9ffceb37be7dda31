namespace Deploy.HealthCheck.Internal;

/// <summary>One minute of the metric window: its timestamp and the 5XX and request datapoints that carry it.</summary>
internal sealed class MetricMinute(string timestamp)
{
    public string Timestamp { get; } = timestamp;

    /// <summary>Target 5XX in the minute; 0 without a datapoint (the load balancer publishes no zero counts).</summary>
    public double Errors { get; set; }

    /// <summary>Requests in the minute; 0 without a datapoint.</summary>
    public double Requests { get; set; }

    /// <summary>Errors × 100 / requests; <see langword="null"/> without requests (the rate is not defined).</summary>
    public double? Percent => Requests > 0 ? Errors * 100 / Requests : null;
}
