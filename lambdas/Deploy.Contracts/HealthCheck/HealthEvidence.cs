using System.Collections.ObjectModel;
using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>The figures a verdict was based on. Metric fields are always written, as <see langword="null"/> when not evaluated.</summary>
public sealed record HealthEvidence
{
    /// <summary>An evidence object with no figures, returned alongside an error.</summary>
    public static HealthEvidence Empty { get; } = new()
    {
        Targets = 0,
        Healthy = 0,
        HealthyPercentage = 0,
        CountsByState = ReadOnlyDictionary<string, int>.Empty,
    };

    /// <summary>Registered targets: every target listed except those <c>draining</c> (deregistering).</summary>
    public required int Targets { get; init; }

    /// <summary>The <see cref="HealthCheckInput.ExpectedTargets"/> judged against; <see langword="null"/> when not given.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? ExpectedTargets { get; init; }

    /// <summary>Targets in state <c>healthy</c>.</summary>
    public required int Healthy { get; init; }

    /// <summary>
    /// <see cref="Healthy"/> / max(<see cref="Targets"/>, <see cref="ExpectedTargets"/>) × 100, rounded to one decimal;
    /// 0 when that is 0.
    /// </summary>
    public required double HealthyPercentage { get; init; }

    /// <summary>Number of targets per state as reported by Elastic Load Balancing, draining included.</summary>
    public required IReadOnlyDictionary<string, int> CountsByState { get; init; }

    /// <summary>
    /// Sum of the <c>target5xx</c> datapoints over the whole window (0 when there are none), for people; the limit
    /// applies per minute (<see cref="WorstMinute"/>). <see langword="null"/> before traffic.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? Target5xxCount { get; init; }

    /// <summary>Largest <c>p99</c> datapoint in milliseconds, rounded to one decimal; <see langword="null"/> before traffic or without datapoints.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? P99ResponseTimeMs { get; init; }

    /// <summary>Sum of the <c>requests</c> datapoints over the window; <see langword="null"/> before traffic or without datapoints.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? RequestCount { get; init; }

    /// <summary>
    /// The worst minute for target 5XX: a minute that breaches a limit if any does, otherwise the one with the most
    /// 5XX (ties: the higher rate, then the newer minute). <see langword="null"/> before traffic or without datapoints.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public Target5xxMinute? WorstMinute { get; init; }

    /// <summary>The composite alarm state considered, in either phase; <see langword="null"/> when not given.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? AlarmState { get; init; }
}
