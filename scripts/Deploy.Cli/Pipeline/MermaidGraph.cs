using System.Text;
using System.Text.Json.Nodes;

namespace Deploy.Cli.Pipeline;

/// <summary>Draws a state machine definition as a Mermaid flowchart: one node per state, edges for Next, Choice rules, Default and Catch.</summary>
public static class MermaidGraph
{
    /// <summary>The flowchart text.</summary>
    public static string From(JsonObject definition)
    {
        var text = new StringBuilder("flowchart TD\n");
        var states = definition["States"]!.AsObject();
        var ids = states.Select((s, i) => (s.Key, Id: $"s{i}")).ToDictionary(s => s.Key, s => s.Id, StringComparer.Ordinal);
        text.Append("  start((start)) --> ").Append(ids[definition["StartAt"]!.GetValue<string>()]).Append('\n');
        foreach (var (name, node) in states)
        {
            var state = node!.AsObject();
            var type = state["Type"]!.GetValue<string>();
            var label = Escape(name);
            text.Append("  ").Append(ids[name]).Append(type switch
            {
                "Choice" => $"{{{label}}}",
                "Wait" => $"([{label}])",
                "Succeed" => $"(((\"{label}\")))",
                "Fail" => $"[[\"{label}: {Escape(state["Error"]?.GetValue<string>() ?? "failed")}\"]]",
                "Pass" => $"[/{label}/]",
                _ => $"[\"{label}\"]",
            }).Append('\n');

            if (state["Next"] is JsonValue next)
            {
                Edge(text, ids, name, next.GetValue<string>(), null, "-->");
            }

            foreach (var rule in state["Choices"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                Edge(text, ids, name, rule["Next"]!.GetValue<string>(), null, "-->");
            }

            if (state["Default"] is JsonValue otherwise)
            {
                Edge(text, ids, name, otherwise.GetValue<string>(), "otherwise", "-->");
            }

            foreach (var handler in state["Catch"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                var errors = string.Join(", ", handler["ErrorEquals"]!.AsArray().Select(e => e!.GetValue<string>()));
                Edge(text, ids, name, handler["Next"]!.GetValue<string>(), errors == "States.ALL" ? "error" : errors, "-.->");
            }
        }

        return text.ToString();
    }

    private static void Edge(StringBuilder text, Dictionary<string, string> ids, string from, string to, string? label, string arrow)
    {
        text.Append("  ").Append(ids[from]).Append(' ').Append(arrow);
        if (label is not null)
        {
            text.Append('|').Append(Escape(label)).Append('|');
        }

        text.Append(' ').Append(ids[to]).Append('\n');
    }

    private static string Escape(string text) => text.Replace("\"", "'", StringComparison.Ordinal).Replace("|", "/", StringComparison.Ordinal);
}
