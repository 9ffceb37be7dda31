namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// Rule weights read as traffic shares: ALB forward weights are 0–999 and relative (ELBv2 API reference,
/// TargetGroupTuple; ALB guide, forward actions), so a color's share is its weight over the sum of the weights.
/// </summary>
public static class TrafficShares
{
    /// <summary>The share (0–1) of requests <paramref name="color"/> receives; 0 when every weight is 0.</summary>
    public static double Of(IReadOnlyDictionary<string, int> weights, string color)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var sum = weights.Values.Sum();
        return sum == 0 ? 0 : (double)weights.GetValueOrDefault(color) / sum;
    }

    /// <summary>The color that receives every request, or <see langword="null"/> when traffic is split (or goes nowhere).</summary>
    public static string? AllOn(IReadOnlyDictionary<string, int> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return weights.Keys.FirstOrDefault(color => Of(weights, color) == 1);
    }

    /// <summary>The share of <paramref name="color"/> in percent, rounded (what the flows call a weight, since they write sums of 100).</summary>
    public static int Percent(IReadOnlyDictionary<string, int> weights, string color) => (int)Math.Round(Of(weights, color) * 100);
}
