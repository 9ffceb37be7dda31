using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Deploy.Rehearsal.Simulation;

namespace Deploy.Conformance.Tests.Replay;

/// <summary>
/// The response members the product reads: every name in a JSONPath of the synthesized state machines, and every
/// <c>JsonPropertyName</c> of the AWS response contracts the handlers deserialize (<c>Deploy.Contracts.Aws</c>). A
/// member the world leaves out is harmless only if it is not among them.
/// </summary>
public static partial class ResponseReaders
{
    /// <summary>The member names read by the state machines of <paramref name="stack"/> or the handlers.</summary>
    public static HashSet<string> Names(RehearsalStack stack)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in new[] { stack.Deploy.Definition, stack.Rollback.Definition, stack.HealthProbe.Definition })
        {
            foreach (var text in Strings(definition))
            {
                foreach (Match path in JsonPath().Matches(text))
                {
                    foreach (Match segment in Segment().Matches(path.Value))
                    {
                        names.Add(segment.Groups[1].Value);
                    }
                }
            }
        }

        var contracts = typeof(Deploy.Contracts.ServiceErrors).Assembly.GetTypes()
            .Where(t => t.Namespace == "Deploy.Contracts.Aws")
            .SelectMany(t => t.GetProperties())
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
            .OfType<string>();
        names.UnionWith(contracts);
        return names;
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => [v.GetValue<string>()],
        _ => [],
    };

    [GeneratedRegex(@"\$\$?[A-Za-z0-9_.\[\]'*]*")]
    private static partial Regex JsonPath();

    [GeneratedRegex(@"[.\['\s]([A-Za-z][A-Za-z0-9_]*)")]
    private static partial Regex Segment();
}
