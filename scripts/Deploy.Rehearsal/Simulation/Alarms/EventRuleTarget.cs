using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Simulation.Alarms;

/// <summary>
/// One target of an <c>AWS::Events::Rule</c> and the input it receives, as the EventBridge user guide ("Transforming
/// target input", and the API reference <c>Target</c>: <c>Input</c>, <c>InputPath</c>, <c>InputTransformer</c>) defines
/// it: a constant <see cref="Input"/>; the part of the event at <see cref="InputPath"/>; the
/// <see cref="InputTemplate"/> with each <c>&lt;name&gt;</c> replaced by the event's value at <see cref="InputPathsMap"/>'s
/// path for it (a string inside quotes goes in as its text, elsewhere as JSON); or, with none of them, the whole event.
/// </summary>
public sealed record EventRuleTarget
{
    /// <summary>The target's id.</summary>
    public required string Id { get; init; }

    /// <summary>The target's ARN (here: a state machine's).</summary>
    public required string Arn { get; init; }

    /// <summary>A constant JSON input.</summary>
    public string? Input { get; init; }

    /// <summary>A JSONPath of the event to pass.</summary>
    public string? InputPath { get; init; }

    /// <summary>The transformer's variables: name → JSONPath of the event.</summary>
    public IReadOnlyDictionary<string, string>? InputPathsMap { get; init; }

    /// <summary>The transformer's template.</summary>
    public string? InputTemplate { get; init; }

    /// <summary>The input this target receives for <paramref name="event"/>.</summary>
    public JsonNode? InputFor(JsonObject @event)
    {
        if (Input is not null)
        {
            return JsonNode.Parse(Input);
        }

        if (InputPath is not null)
        {
            return Select(@event, InputPath)?.DeepClone();
        }

        if (InputTemplate is null)
        {
            return @event.DeepClone();
        }

        var values = (InputPathsMap ?? new Dictionary<string, string>()).ToDictionary(p => p.Key, p => Select(@event, p.Value), StringComparer.Ordinal);
        var text = new StringBuilder();
        var inString = false;
        for (var i = 0; i < InputTemplate.Length; i++)
        {
            var c = InputTemplate[i];
            if (c == '"' && (i == 0 || InputTemplate[i - 1] != '\\'))
            {
                inString = !inString;
            }

            var end = c == '<' ? InputTemplate.IndexOf('>', i) : -1;
            if (end < 0)
            {
                text.Append(c);
                continue;
            }

            var name = InputTemplate[(i + 1)..end];
            if (!values.TryGetValue(name, out var value))
            {
                throw new NotSupportedException($"Events target {Id}: the input template names <{name}>, which InputPathsMap does not define (predefined variables are not simulated).");
            }

            if (inString)
            {
                var raw = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? string.Empty;
                // Inside a JSON string the value's text goes in escaped, without its quotes.
                text.Append(JsonSerializer.Serialize(raw)[1..^1]);
            }
            else
            {
                text.Append(value?.ToJsonString() ?? "null");
            }

            i = end;
        }

        return JsonNode.Parse(text.ToString());
    }

    /// <summary>The event's value at a dotted JSONPath (<c>$</c>, <c>$.a.b</c>); other paths are refused.</summary>
    private JsonNode? Select(JsonObject @event, string path)
    {
        if (path == "$")
        {
            return @event;
        }

        if (!path.StartsWith("$.", StringComparison.Ordinal) || path.Contains('[', StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Events target {Id}: the path '{path}' is not simulated (only $ and dotted paths $.a.b are).");
        }

        JsonNode? node = @event;
        foreach (var segment in path[2..].Split('.'))
        {
            node = (node as JsonObject)?[segment];
        }

        return node;
    }
}
