using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Deploy.Benchmarks;

/// <summary>The table and the JSON object.</summary>
internal static class Report
{
    public static string RuntimeSummary() =>
        $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture}, "
        + $"{Environment.ProcessorCount} CPUs, {Configuration}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC";

    public static string Configuration =>
#if DEBUG
        "Debug (figures are not representative: use -c Release)";
#else
        "Release";
#endif

    public static void WriteTable(TextWriter output, IReadOnlyList<BenchResult> results, BenchSettings settings)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"Handler micro-benchmarks ({RuntimeSummary()})");
        output.WriteLine(string.Create(c,
            $"Per call: median and p95 over {settings.Batches} batch means (about {settings.BatchMs} ms per batch; warm-up at least {settings.WarmupMs} ms, until the time per call settles);"));
        output.WriteLine("allocations per call on the calling thread. 'decision' = pure function on a deserialized input;");
        output.WriteLine("'Handler' = Function.Handler(Stream): deserialize + decide + serialize.");
        output.WriteLine();
        string[] header = ["Handler", "Input", "Path", "In bytes", "Out bytes", "Calls/batch", "Median us", "p95 us", "Alloc B/call", "GC0", "Outcome"];
        var rows = results.Select(r => new[]
        {
            r.Case.Handler,
            r.Case.Scenario,
            r.Case.Path,
            r.Case.InputBytes.ToString("N0", c),
            r.Case.OutputBytes.ToString("N0", c),
            r.CallsPerBatch.ToString("N0", c),
            r.MedianUs.ToString("N2", c),
            r.P95Us.ToString("N2", c),
            r.AllocatedBytesPerCall.ToString("N0", c),
            r.Gen0Collections.ToString(c),
            r.Case.Outcome,
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        bool[] numeric = [false, false, false, true, true, true, true, true, true, true, false];
        string Line(string[] cells) => string.Join("  ", cells.Select((cell, i) => numeric[i] ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd();
        output.WriteLine(Line(header));
        output.WriteLine(Line(widths.Select(w => new string('-', w)).ToArray()));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row));
        }
    }

    public static void WriteJson(Stream output, IReadOnlyList<BenchResult> results, BenchSettings settings)
    {
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("benchmark", "Deploy.Benchmarks");
            json.WriteStartObject("runtime");
            json.WriteString("framework", RuntimeInformation.FrameworkDescription);
            json.WriteString("os", RuntimeInformation.OSDescription);
            json.WriteString("architecture", RuntimeInformation.ProcessArchitecture.ToString());
            json.WriteNumber("processors", Environment.ProcessorCount);
            json.WriteString("configuration", Configuration);
            json.WriteBoolean("serverGc", GCSettings.IsServerGC);
            json.WriteEndObject();
            json.WriteStartObject("settings");
            json.WriteNumber("batches", settings.Batches);
            json.WriteNumber("batchMs", settings.BatchMs);
            json.WriteNumber("warmupMs", settings.WarmupMs);
            json.WriteString("statistic", "median and nearest-rank p95 of per-call batch means, microseconds");
            json.WriteEndObject();
            json.WriteStartArray("results");
            foreach (var r in results)
            {
                json.WriteStartObject();
                json.WriteString("handler", r.Case.Handler);
                json.WriteString("input", r.Case.Scenario);
                json.WriteString("path", r.Case.Path);
                json.WriteNumber("inputBytes", r.Case.InputBytes);
                json.WriteNumber("outputBytes", r.Case.OutputBytes);
                json.WriteNumber("callsPerBatch", r.CallsPerBatch);
                json.WriteNumber("batches", r.Batches);
                json.WriteNumber("medianUs", Math.Round(r.MedianUs, 3));
                json.WriteNumber("p95Us", Math.Round(r.P95Us, 3));
                json.WriteNumber("minUs", Math.Round(r.MinUs, 3));
                json.WriteNumber("maxUs", Math.Round(r.MaxUs, 3));
                json.WriteNumber("allocatedBytesPerCall", r.AllocatedBytesPerCall);
                json.WriteNumber("gen0Collections", r.Gen0Collections);
                json.WriteNumber("gen2Collections", r.Gen2Collections);
                json.WriteString("outcome", r.Case.Outcome);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
        output.Flush();
    }
}
