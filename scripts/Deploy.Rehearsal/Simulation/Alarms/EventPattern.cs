using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Simulation.Alarms;

/// <summary>
/// An EventBridge event pattern, matched as the EventBridge user guide ("Event patterns", "Creating event patterns")
/// defines it for exact values: every field the pattern names must be in the event; a pattern array matches when the
/// event's value (or, for an array in the event, any of its values) equals one of the array's values; a nested object
/// matches the event's object recursively. Content filters (prefix, anything-but, numeric, exists, …) are refused.
/// </summary>
public static class EventPattern
{
    /// <summary>Whether <paramref name="pattern"/> matches <paramref name="event"/>.</summary>
    /// <exception cref="NotSupportedException">The pattern uses a content filter or a shape other than objects and arrays of values.</exception>
    public static bool Matches(JsonObject pattern, JsonObject @event)
    {
        foreach (var (field, expected) in pattern)
        {
            var actual = @event[field];
            switch (expected)
            {
                case JsonObject nested:
                    if (actual is not JsonObject inner || !Matches(nested, inner))
                    {
                        return false;
                    }

                    break;

                case JsonArray values:
                    if (values.Any(v => v is JsonObject))
                    {
                        throw new NotSupportedException($"Event pattern field '{field}': content filters ({values.ToJsonString()}) are not simulated; only exact values are.");
                    }

                    var candidates = actual is JsonArray many ? many.ToList() : [actual];
                    if (actual is null || !candidates.Any(c => values.Any(v => JsonNode.DeepEquals(v, c))))
                    {
                        return false;
                    }

                    break;

                default:
                    throw new NotSupportedException($"Event pattern field '{field}': {expected?.ToJsonString() ?? "null"} is neither an object nor an array of values.");
            }
        }

        return true;
    }
}
