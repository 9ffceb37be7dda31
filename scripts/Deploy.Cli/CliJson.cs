using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Deploy.Cli;

/// <summary>
/// The one format of <c>--output json</c> (README, "JSON output"): every document carries <see cref="SchemaVersion"/>
/// and its verb, times are ISO-8601 UTC with <c>Z</c>, durations are seconds in members named <c>…Seconds</c>, weights
/// are <c>{ "blue": N, "green": N }</c>, and text is written as it is (no <c>\u002B</c> escapes).
/// </summary>
public static class CliJson
{
    /// <summary>The version of the documents' schema; raised only for a change that breaks a consumer.</summary>
    public const int SchemaVersion = 1;

    /// <summary>
    /// The serializer options of every document: indented, and strings escaped only where JSON requires it (the output is
    /// a document on stdout, never embedded in HTML, so <c>+</c>, <c>&lt;</c> or <c>'</c> need no escape).
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A time as ISO-8601 UTC to the millisecond: <c>2026-12-01T12:00:00.000Z</c>.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary><see cref="Time(DateTimeOffset)"/>, or <see langword="null"/>.</summary>
    public static string? Time(DateTimeOffset? time) => time is { } t ? Time(t) : null;

    /// <summary>A time received as text (a CloudWatch timestamp, say) in the same format; text that is no time is kept as it is.</summary>
    public static string? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? Time(time) : text;

    /// <summary>A duration in seconds, to the millisecond.</summary>
    public static double Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 3);

    /// <summary><see cref="Seconds(TimeSpan)"/>, or <see langword="null"/>.</summary>
    public static double? Seconds(TimeSpan? span) => span is { } s ? Seconds(s) : null;

    /// <summary>
    /// Weights by color as <c>{ "blue": N, "green": N }</c> (a color the rule does not name has 0); <see langword="null"/>
    /// when no weight of either color is known.
    /// </summary>
    public static JsonObject? Weights(IReadOnlyDictionary<string, int> weights) =>
        weights.ContainsKey("blue") || weights.ContainsKey("green")
            ? new JsonObject { ["blue"] = weights.GetValueOrDefault("blue"), ["green"] = weights.GetValueOrDefault("green") }
            : null;

    /// <summary>
    /// The document: <c>schemaVersion</c> and <c>kind</c> first, then the verb's <paramref name="result"/>, then (for a
    /// non-zero exit code) <c>error</c>.
    /// </summary>
    public static JsonObject Document(string? kind, JsonObject? result, CliError? error)
    {
        var document = new JsonObject { ["schemaVersion"] = SchemaVersion, ["kind"] = kind };
        foreach (var (name, value) in result ?? [])
        {
            if (name is not "schemaVersion" and not "kind" and not "error")
            {
                document[name] = value?.DeepClone();
            }
        }

        if (error is not null)
        {
            document["error"] = new JsonObject { ["name"] = error.Name, ["message"] = error.Message, ["exitCode"] = (int)error.Code };
        }

        return document;
    }
}
