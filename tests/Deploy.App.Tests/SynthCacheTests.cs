namespace Deploy.App.Tests;

/// <summary>
/// The cross-process synth cache of the test-support library (<c>SynthCache</c>): one synthesis per set of inputs, an
/// entry either complete or absent, concurrent callers served by the one that synthesized. Each test uses a kind of
/// its own, so it neither reads nor disturbs the entries of the real runs.
/// </summary>
public sealed class SynthCacheTests : IDisposable
{
    private readonly string _kind = "unit-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public void GetOrCreate_SameInputsTwice_SynthesizesOnceAndReturnsTheSameEntry()
    {
        var calls = 0;

        var first = SynthCache.GetOrCreate(_kind, outDir => Synthesize(outDir, ref calls));
        var second = SynthCache.GetOrCreate(_kind, outDir => Synthesize(outDir, ref calls));

        Assert.Equal(1, calls);
        Assert.Equal(first.OutDir, second.OutDir);
        Assert.Equal(["stack-a", "stack-b"], second.Stacks);
        Assert.Equal("synthesized", File.ReadAllText(Path.Combine(second.OutDir, "marker.txt")));
    }

    [Fact]
    public void GetOrCreate_SynthesisFails_LeavesNoEntryAndTheNextCallSynthesizes()
    {
        var calls = 0;

        Assert.Throws<InvalidOperationException>(() => SynthCache.GetOrCreate(_kind, outDir =>
        {
            File.WriteAllText(Path.Combine(outDir, "marker.txt"), "half");
            throw new InvalidOperationException("synth failed");
        }));
        var entry = SynthCache.GetOrCreate(_kind, outDir => Synthesize(outDir, ref calls));

        Assert.Equal(1, calls);
        Assert.Equal("synthesized", File.ReadAllText(Path.Combine(entry.OutDir, "marker.txt")));
    }

    [Fact]
    public async Task GetOrCreate_ConcurrentCallers_OneSynthesizesTheOthersWaitForItsEntry()
    {
        var calls = 0;
        using var started = new ManualResetEventSlim();

        var synthesizing = Task.Run(() => SynthCache.GetOrCreate(_kind, outDir =>
        {
            started.Set();
            Thread.Sleep(TimeSpan.FromMilliseconds(500)); // holding the lock while the others ask
            return Synthesize(outDir, ref calls);
        }));
        Assert.True(started.Wait(TimeSpan.FromMinutes(1)));
        var waiting = Enumerable.Range(0, 3).Select(_ => Task.Run(() => SynthCache.GetOrCreate(_kind, outDir => Synthesize(outDir, ref calls)))).ToList();
        var results = await Task.WhenAll(waiting.Prepend(synthesizing)).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(1, calls);
        Assert.Single(results.Select(r => r.OutDir).Distinct());
    }

    public void Dispose()
    {
        var root = Path.Combine(Path.GetTempPath(), "deploy-tests-synth");
        foreach (var directory in Directory.Exists(root) ? Directory.EnumerateDirectories(root, _kind + "-*") : [])
        {
            SynthCache.TryDelete(directory);
        }

        File.Delete(Path.Combine(root, _kind + ".lock"));
    }

    private static List<string> Synthesize(string outDir, ref int calls)
    {
        Interlocked.Increment(ref calls);
        File.WriteAllText(Path.Combine(outDir, "marker.txt"), "synthesized");
        return ["stack-a", "stack-b"];
    }
}
