using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Deploy.LocalEngine;

/// <summary>Values as the JSON 1.0 protocol writes them.</summary>
internal static class Wire
{
    /// <summary>Compact JSON without HTML-safe escapes (quotes inside strings stay <c>\"</c>, not <c>\u0022</c>).</summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A timestamp as epoch seconds, with milliseconds.</summary>
    public static JsonNode Epoch(DateTimeOffset time) =>
        JsonValue.Create(Math.Round(time.ToUnixTimeMilliseconds() / 1000.0, 3));

    /// <summary>A JSON value as text (<c>null</c> for JSON null).</summary>
    public static string Text(JsonNode? node) => node?.ToJsonString(Options) ?? "null";
}
