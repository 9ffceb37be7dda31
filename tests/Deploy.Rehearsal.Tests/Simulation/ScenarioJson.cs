using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Deploy.Rehearsal.Simulation;

namespace Deploy.Rehearsal.Tests.Simulation;

/// <summary>
/// Writes a <see cref="Scenario"/> in the tests/scenarios format: camelCase, fields left at their defaults omitted
/// (so that a saved scenario reads like a hand-written one), no <c>name</c> (it comes from the file name).
/// </summary>
public static class ScenarioJson
{
    private static readonly JsonSerializerOptions Options = new(Scenario.Json)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly JsonSerializerOptions OneLine = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The scenario as one line.</summary>
    public static string Compact(Scenario scenario) => ToNode(scenario).ToJsonString(OneLine);

    /// <summary>The scenario as an indented file text.</summary>
    public static string File(Scenario scenario) => ToNode(scenario).ToJsonString(Indented) + "\n";

    /// <summary>The scenario as a JSON object without defaults.</summary>
    public static JsonObject ToNode(Scenario scenario)
    {
        var node = Serialize(scenario);
        Prune(node, Serialize(new Scenario()));
        node.Remove("name");
        Prune(node["world"], Serialize(new WorldSetup()));
        Prune(node["expect"], Serialize(new Expectation()));
        Prune(node["approval"], Serialize(new Approval()));
        foreach (var (_, behaviour) in node["health"] as JsonObject ?? new JsonObject())
        {
            Prune(behaviour, Serialize(new InstanceBehaviour()));
        }

        foreach (var change in node["timeline"] as JsonArray ?? new JsonArray())
        {
            Prune(change, Serialize(new TimelineEvent()));
        }

        foreach (var fault in node["faults"] as JsonArray ?? new JsonArray())
        {
            Prune(fault, Serialize(new Fault { Api = string.Empty, Kind = string.Empty }));
        }

        foreach (var later in node["later"] as JsonArray ?? new JsonArray())
        {
            Prune(later, Serialize(new LaterExecution()));
        }

        foreach (var key in new[] { "world", "expect", "approval" })
        {
            if (node[key] is JsonObject { Count: 0 })
            {
                node.Remove(key);
            }
        }

        return node;
    }

    private static JsonObject Serialize<T>(T value) => JsonSerializer.SerializeToNode(value, Options)!.AsObject();

    /// <summary>Removes every property of <paramref name="node"/> whose value equals the default's.</summary>
    private static void Prune(JsonNode? node, JsonObject defaults)
    {
        if (node is not JsonObject obj)
        {
            return;
        }

        foreach (var (key, value) in obj.ToList())
        {
            if (defaults.TryGetPropertyValue(key, out var fallback) && JsonNode.DeepEquals(value, fallback))
            {
                obj.Remove(key);
            }
        }
    }
}
