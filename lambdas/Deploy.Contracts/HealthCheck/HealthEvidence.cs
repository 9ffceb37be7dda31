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

    /// <summary>Targets counted: every registered target except those draining.</summary>
    public required int Targets { get; init; }

    /// <summary>Targets in state <c>healthy</c>.</summary>
    public required int Healthy { get; init; }

    /// <summary><see cref="Healthy"/> / <see cref="Targets"/> × 100, rounded to one decimal; 0 when there are no targets.</summary>
    public required double HealthyPercentage { get; init; }

    /// <summary>Number of targets per state as reported by Elastic Load Balancing, draining included.</summary>
    public required IReadOnlyDictionary<string, int> CountsByState { get; init; }

    /// <summary>Sum of the <c>target5xx</c> datapoints (0 when there are none); <see langword="null"/> before traffic.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? Target5xxCount { get; init; }

    /// <summary>Largest <c>p99</c> datapoint in milliseconds, rounded to one decimal; <see langword="null"/> before traffic or without datapoints.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? P99ResponseTimeMs { get; init; }

    /// <summary>Sum of the <c>requests</c> datapoints; <see langword="null"/> before traffic or without datapoints.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? RequestCount { get; init; }

    /// <summary>The composite alarm state considered; <see langword="null"/> before traffic or when not given.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? AlarmState { get; init; }
}
