using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Deploy.Cli.Tests.TestSupport;

/// <summary>
/// The common rules of <c>--output json</c> (README, "JSON output"), checked on what one command printed on stdout:
/// exactly one JSON object; <c>schemaVersion</c> 1 and <c>kind</c> the verb; <c>error</c> as <c>{ name, message, exitCode }</c>
/// with the process's exit code exactly when that is not 0; every time ISO-8601 UTC with <c>Z</c>; every <c>weights</c>
/// <c>{ blue, green }</c> of integers; durations only as <c>…Seconds</c> numbers; no needless escapes.
/// </summary>
internal static partial class JsonDocumentRules
{
    /// <summary>The violations (empty when the document follows the rules); <paramref name="verb"/> null for a command line without one.</summary>
    public static List<string> Check(string stdout, int exitCode, string? verb)
    {
        var violations = new List<string>();
        JsonNode? root;
        try
        {
            // JsonNode.Parse reads one value and refuses anything after it, so two documents fail here.
            root = JsonNode.Parse(stdout);
        }
        catch (JsonException e)
        {
            return [$"stdout is not one JSON document ({e.Message}): {Cut(stdout)}"];
        }

        if (root is not JsonObject document)
        {
            return [$"stdout is not a JSON object: {Cut(stdout)}"];
        }

        if (document["schemaVersion"] is not JsonValue version || version.GetValueKind() != JsonValueKind.Number || version.GetValue<double>() != 1)
        {
            violations.Add($"schemaVersion is {document["schemaVersion"]?.ToJsonString() ?? "missing"}, not 1");
        }

        if (!document.ContainsKey("kind") || document["kind"]?.GetValue<string>() != verb)
        {
            violations.Add($"kind is {document["kind"]?.ToJsonString() ?? "null or missing"}, not \"{verb}\"");
        }

        CheckError(document, exitCode, violations);
        Walk(document, "$", violations);
        foreach (var escape in new[] { "\\u002B", "\\u003C", "\\u003E", "\\u0026", "\\u0027", "+00:00" })
        {
            if (stdout.Contains(escape, StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"stdout contains {escape}");
            }
        }

        return violations;
    }

    private static void CheckError(JsonObject document, int exitCode, List<string> violations)
    {
        if (exitCode == 0)
        {
            if (document.ContainsKey("error"))
            {
                violations.Add($"exit 0 but the document has an error: {document["error"]?.ToJsonString()}");
            }

            return;
        }

        if (document["error"] is not JsonObject error)
        {
            violations.Add($"exit {exitCode} but no error object");
            return;
        }

        var members = error.Select(m => m.Key).Order(StringComparer.Ordinal).ToList();
        if (!members.SequenceEqual(["exitCode", "message", "name"]))
        {
            violations.Add($"error has members [{string.Join(", ", members)}], not exactly name, message, exitCode");
        }

        var name = error["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : null;
        if (name is null || !Name().IsMatch(name))
        {
            violations.Add($"error.name {error["name"]?.ToJsonString()} is not a stable identifier");
        }
        else if (CliErrorNames.All.TryGetValue(name, out var code) && (int)code != exitCode)
        {
            violations.Add($"error.name {name} belongs to exit {(int)code}, but the exit code is {exitCode}");
        }

        if (error["message"] is not JsonValue m || m.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(m.GetValue<string>()))
        {
            violations.Add("error.message is not a non-empty string");
        }

        if (error["exitCode"] is not JsonValue c || c.GetValueKind() != JsonValueKind.Number || c.GetValue<double>() != exitCode)
        {
            violations.Add($"error.exitCode is {error["exitCode"]?.ToJsonString()}, the process exited {exitCode}");
        }
    }

    private static void Walk(JsonNode? node, string path, List<string> violations)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    var at = $"{path}.{name}";
                    if (name == "weights")
                    {
                        CheckWeights(value, at, violations);
                    }

                    if ((name == "date" || name.EndsWith("Date", StringComparison.Ordinal)) && value is not null && !IsTime(value))
                    {
                        violations.Add($"{at} is {value.ToJsonString()}, not an ISO-8601 UTC time with Z");
                    }

                    if (name.EndsWith("Seconds", StringComparison.Ordinal) && value is not null && value.GetValueKind() != JsonValueKind.Number)
                    {
                        violations.Add($"{at} is {value.ToJsonString()}, not a number of seconds");
                    }

                    if (OtherUnit().IsMatch(name))
                    {
                        violations.Add($"{at}: a duration in another unit than seconds");
                    }

                    Walk(value, at, violations);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], $"{path}[{i}]", violations);
                }

                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String && LooksLikeTime().IsMatch(v.GetValue<string>()) && !IsTime(v):
                violations.Add($"{path} is \"{v.GetValue<string>()}\": it looks like a time but is not ISO-8601 UTC with Z");
                break;
        }
    }

    private static void CheckWeights(JsonNode? value, string at, List<string> violations)
    {
        if (value is null)
        {
            return;
        }

        if (value is not JsonObject weights
            || !weights.Select(w => w.Key).Order(StringComparer.Ordinal).SequenceEqual(["blue", "green"])
            || weights.Any(w => w.Value is not JsonValue n || n.GetValueKind() != JsonValueKind.Number || n.GetValue<double>() != Math.Floor(n.GetValue<double>())))
        {
            violations.Add($"{at} is {value.ToJsonString()}, not {{ \"blue\": N, \"green\": N }} of integers");
        }
    }

    private static bool IsTime(JsonNode value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String && IsoUtc().IsMatch(v.GetValue<string>());

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "…" : text;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex IsoUtc();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")]
    private static partial Regex LooksLikeTime();

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)?$")]
    private static partial Regex Name();

    [GeneratedRegex(@"(Ms|Millis|Milliseconds|Minutes|Hours|Days)$")]
    private static partial Regex OtherUnit();
}
