using System.Diagnostics;

namespace Deploy.Benchmarks;

/// <summary>One thing to time: a call that returns a number derived from its result (so the JIT cannot drop it).</summary>
internal sealed record BenchCase(string Handler, string Scenario, string Path, int InputBytes, int OutputBytes, string Outcome, Func<long> Call);

/// <summary>The figures of one case. Times are per call, in microseconds, over the batch means.</summary>
internal sealed record BenchResult(
    BenchCase Case,
    int CallsPerBatch,
    int Batches,
    double MedianUs,
    double P95Us,
    double MinUs,
    double MaxUs,
    long AllocatedBytesPerCall,
    int Gen0Collections,
    int Gen2Collections);

internal sealed record BenchSettings(int Batches, double WarmupMs, double BatchMs);

/// <summary>
/// Warm-up, then <see cref="BenchSettings.Batches"/> batches of N calls timed with <see cref="Stopwatch"/>; N is chosen
/// so one batch takes about <see cref="BenchSettings.BatchMs"/>. Allocations are counted on this thread
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>) over all timed calls.
/// </summary>
internal static class Runner
{
    // Every result is added here: a static field write the JIT cannot drop, so neither can it drop the calls.
    private static long sink;

    public static BenchResult Run(BenchCase bench, BenchSettings settings)
    {
        WarmUp(bench.Call, settings.WarmupMs);
        var callsPerBatch = Calibrate(bench.Call, settings.BatchMs);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var gen0 = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);

        var perCallUs = new double[settings.Batches];
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var b = 0; b < settings.Batches; b++)
        {
            var batchStart = Stopwatch.GetTimestamp();
            for (var i = 0; i < callsPerBatch; i++)
            {
                sink += bench.Call();
            }

            var elapsed = Stopwatch.GetTimestamp() - batchStart;
            perCallUs[b] = elapsed * 1_000_000.0 / Stopwatch.Frequency / callsPerBatch;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var totalCalls = (long)callsPerBatch * settings.Batches;

        Array.Sort(perCallUs);
        return new BenchResult(
            bench,
            callsPerBatch,
            settings.Batches,
            MedianUs: Percentile(perCallUs, 0.50),
            P95Us: Percentile(perCallUs, 0.95),
            MinUs: perCallUs[0],
            MaxUs: perCallUs[^1],
            AllocatedBytesPerCall: (long)Math.Round(allocated / (double)totalCalls),
            Gen0Collections: GC.CollectionCount(0) - gen0,
            Gen2Collections: GC.CollectionCount(2) - gen2);
    }

    /// <summary>
    /// Calls until tiered compilation has settled: at least <paramref name="warmupMs"/> and 200 calls (30 calls and a
    /// 100 ms back-off promote a method, dynamic PGO instruments it in between, and the back-off restarts whenever new
    /// methods run), then 100 ms windows until the time per call stops improving (two windows in a row within 3% of
    /// the best), at most 30 windows. A time-only warm-up is not enough for the millisecond-long calls: 500 ms leaves
    /// the 1,000-target HealthCheck handler several times slower than it settles at.
    /// </summary>
    private static void WarmUp(Func<long> call, double warmupMs)
    {
        var warmupTicks = (long)(warmupMs * Stopwatch.Frequency / 1000);
        var start = Stopwatch.GetTimestamp();
        for (var calls = 0; calls < 200 || Stopwatch.GetTimestamp() - start < warmupTicks; calls++)
        {
            sink += call();
        }

        var windowTicks = Stopwatch.Frequency / 10;
        var best = double.MaxValue;
        var settled = 0;
        for (var window = 0; window < 30 && settled < 2; window++)
        {
            var windowStart = Stopwatch.GetTimestamp();
            var calls = 0;
            long elapsed;
            do
            {
                sink += call();
                calls++;
                elapsed = Stopwatch.GetTimestamp() - windowStart;
            }
            while (elapsed < windowTicks);

            var perCall = (double)elapsed / calls;
            settled = perCall >= best * 0.97 ? settled + 1 : 0;
            best = Math.Min(best, perCall);
        }
    }

    /// <summary>Nearest-rank percentile of sorted values (31 batches: median = 16th, p95 = 30th).</summary>
    private static double Percentile(double[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    /// <summary>How many calls take about <paramref name="batchMs"/>, from a timed run of at least 2 ms.</summary>
    private static int Calibrate(Func<long> call, double batchMs)
    {
        var minimumTicks = Stopwatch.Frequency / 500;
        for (var n = 1; ; n *= 2)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < n; i++)
            {
                sink += call();
            }

            var elapsed = Stopwatch.GetTimestamp() - start;
            if (elapsed >= minimumTicks || n >= 1 << 24)
            {
                var perCall = (double)elapsed / n;
                var target = batchMs * Stopwatch.Frequency / 1000;
                return (int)Math.Clamp(Math.Round(target / perCall), 1, int.MaxValue);
            }
        }
    }
}
