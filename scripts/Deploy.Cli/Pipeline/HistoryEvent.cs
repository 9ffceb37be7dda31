using System.Text.Json.Nodes;

namespace Deploy.Cli.Pipeline;

/// <summary>One event of an execution's history: its type, time, the state it concerns, and its raw details.</summary>
public sealed record HistoryEvent(long Id, DateTimeOffset Time, string Type, string? State, JsonObject Raw)
{
    /// <summary>The input or output JSON the event carries (state entered / exited, task scheduled), parsed.</summary>
    public JsonNode? Data
    {
        get
        {
            foreach (var (key, value) in Raw)
            {
                if (key.EndsWith("EventDetails", StringComparison.Ordinal) && value is JsonObject details)
                {
                    var text = details["output"] ?? details["input"] ?? details["parameters"];
                    if (text is JsonValue v && v.TryGetValue<string>(out var json))
                    {
                        try
                        {
                            return JsonNode.Parse(json);
                        }
                        catch (System.Text.Json.JsonException)
                        {
                            return null;
                        }
                    }
                }
            }

            return null;
        }
    }
}
