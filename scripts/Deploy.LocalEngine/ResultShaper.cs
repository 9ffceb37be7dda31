using System.Text.Json.Nodes;

namespace Deploy.LocalEngine;

/// <summary>
/// Works out what a Task state's result contributes to its output: ResultSelector (plain paths and static
/// values; intrinsic functions and context paths are left out), then ResultPath, on an otherwise empty object.
/// The engine reports no state inputs or outputs, so a state's exited output in the history is this partial view.
/// </summary>
internal static class ResultShaper
{
    /// <summary>The partial output, or null when the state discards its result or it cannot be placed.</summary>
    public static JsonNode? Contribution(JsonObject? state, string? resultText)
    {
        if (state is null || resultText is null)
        {
            return null;
        }

        JsonNode? result;
        try
        {
            result = JsonNode.Parse(resultText);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        if (state["ResultSelector"] is JsonObject selector)
        {
            result = Select(selector, result);
        }

        if (state.TryGetPropertyValue("ResultPath", out var resultPath) && resultPath is null)
        {
            return null; // ResultPath: null discards the result.
        }

        var path = (string?)resultPath ?? "$";
        if (path == "$")
        {
            return result;
        }

        var segments = Segments(path);
        if (segments is null || segments.Any(s => s is int))
        {
            return null;
        }

        var root = new JsonObject();
        var current = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            var next = new JsonObject();
            current[(string)segments[i]] = next;
            current = next;
        }

        current[(string)segments[^1]] = result;
        return root;
    }

    /// <summary>Evaluates a plain JSONPath (<c>$</c>, <c>$.a.b</c>, <c>$.a[0].b</c>, <c>$['a']</c>) on <paramref name="node"/>.</summary>
    public static bool TryEvaluate(string path, JsonNode? node, out JsonNode? value)
    {
        value = null;
        var segments = Segments(path);
        if (segments is null)
        {
            return false;
        }

        var current = node;
        foreach (var segment in segments)
        {
            switch (segment)
            {
                case string name when current is JsonObject o && o.TryGetPropertyValue(name, out var child):
                    current = child;
                    break;
                case int index when current is JsonArray a && index < a.Count:
                    current = a[index];
                    break;
                default:
                    return false;
            }
        }

        value = current?.DeepClone();
        return true;
    }

    private static JsonObject Select(JsonObject selector, JsonNode? input)
    {
        var output = new JsonObject();
        foreach (var (key, value) in selector)
        {
            if (key.EndsWith(".$", StringComparison.Ordinal))
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var path) && path.StartsWith('$') && !path.StartsWith("$$", StringComparison.Ordinal)
                    && TryEvaluate(path, input, out var selected))
                {
                    output[key[..^2]] = selected;
                }
            }
            else
            {
                output[key] = value is JsonObject nested ? Select(nested, input) : value?.DeepClone();
            }
        }

        return output;
    }

    /// <summary>The segments of a plain path: names (string) and indexes (int); null for anything else.</summary>
    private static List<object>? Segments(string path)
    {
        if (!path.StartsWith('$'))
        {
            return null;
        }

        var segments = new List<object>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] != '.' && path[end] != '[')
                {
                    end++;
                }

                if (end == i + 1)
                {
                    return null;
                }

                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0)
                {
                    return null;
                }

                var inner = path[(i + 1)..close];
                if (int.TryParse(inner, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                {
                    segments.Add(index);
                }
                else if (inner.Length >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[^1] == inner[0])
                {
                    segments.Add(inner[1..^1]);
                }
                else
                {
                    return null;
                }

                i = close + 1;
            }
            else
            {
                return null;
            }
        }

        return segments;
    }
}
