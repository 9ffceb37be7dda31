using System.Text.Json.Nodes;
using Deploy.Contracts.Flows;

namespace Deploy.Cli.Pipeline;

/// <summary>
/// What the Deploy state machine's definition tells about its shape: the target groups of each color, whether it has an
/// approval step, the state after the lock and its phases. The figures <c>info</c> shows (grace, polls, bake checks, the
/// worst-case time to rollback) are not read here: the construct publishes them as tags (<see cref="PublishedFacts"/>).
/// </summary>
public sealed record DefinitionFacts
{
    /// <summary>How the comment of a phase's first state begins: <c>[phase:NAME]</c>.</summary>
    public const string PhaseTagStart = "[phase:";

    /// <summary>Target group ARN → color.</summary>
    public required IReadOnlyDictionary<string, string> TargetGroupColors { get; init; }

    /// <summary>Whether deployments wait for an approval.</summary>
    public bool ApprovalRequired { get; init; }

    /// <summary>The state a deployment enters once it holds the lock (the success path of <c>AcquireLock</c>).</summary>
    public string? AfterLockState { get; init; }

    /// <summary>
    /// The phases the definition declares: the state that begins each (its <c>Comment</c> starts with
    /// <c>[phase:NAME]</c>) → the phase's name. Empty for a definition that declares none.
    /// </summary>
    public IReadOnlyDictionary<string, string> PhaseEntries { get; init; } = new Dictionary<string, string>();

    /// <summary>Each state's phase where only one phase reaches it (see <see cref="PhaseEntries"/>); the entries included.</summary>
    public IReadOnlyDictionary<string, string> PhaseOfState { get; init; } = new Dictionary<string, string>();

    /// <summary>Reads the facts from the Deploy definition.</summary>
    public static DefinitionFacts From(JsonObject definition)
    {
        var states = definition["States"]?.AsObject() ?? new JsonObject();
        var colors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (states[FlowStateNames.Prefixes.RestoreTrafficTo + "Blue"]?["Parameters"]?["Actions"]?[0]?["ForwardConfig"]?["TargetGroups"] is JsonArray groups)
        {
            foreach (var group in groups.OfType<JsonObject>())
            {
                colors[group["TargetGroupArn"]!.GetValue<string>()] = group["Weight"]?.GetValue<int>() == 100 ? "blue" : "green";
            }
        }

        var entries = PhaseEntriesOf(states);
        return new DefinitionFacts
        {
            TargetGroupColors = colors,
            ApprovalRequired = states[FlowStateNames.Deploy.AwaitApproval] is not null,
            AfterLockState = states[FlowStateNames.Deploy.AcquireLock]?["Next"]?.GetValue<string>(),
            PhaseEntries = entries,
            PhaseOfState = PhaseOfStates(states, entries),
        };
    }

    /// <summary>
    /// Each state's phase, where the definition makes it unambiguous: the states reached from a phase's first state (through
    /// Next, Default, Choices and Catch) before another phase begins, when only one phase reaches them. A history that lacks
    /// a phase's first state (one that lists only some states while the execution runs) still places the states it lists.
    /// </summary>
    private static Dictionary<string, string> PhaseOfStates(JsonObject states, Dictionary<string, string> entries)
    {
        var phases = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (entry, phase) in entries)
        {
            var queue = new Queue<string>([entry]);
            var seen = new HashSet<string>(StringComparer.Ordinal) { entry };
            while (queue.Count > 0)
            {
                var name = queue.Dequeue();
                if (!phases.TryGetValue(name, out var of))
                {
                    phases[name] = of = new HashSet<string>(StringComparer.Ordinal);
                }

                of.Add(phase);
                foreach (var next in Successors(states[name]))
                {
                    if (!entries.ContainsKey(next) && seen.Add(next))
                    {
                        queue.Enqueue(next);
                    }
                }
            }
        }

        return phases.Where(p => p.Value.Count == 1).ToDictionary(p => p.Key, p => p.Value.Single(), StringComparer.Ordinal);
    }

    private static IEnumerable<string> Successors(JsonNode? state)
    {
        static string? Name(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        if (state is not JsonObject o)
        {
            yield break;
        }

        foreach (var next in new[] { Name(o["Next"]), Name(o["Default"]) })
        {
            if (next is not null)
            {
                yield return next;
            }
        }

        foreach (var list in new[] { o["Choices"], o["Catch"] }.OfType<JsonArray>())
        {
            foreach (var next in list.Select(c => Name(c?["Next"])).OfType<string>())
            {
                yield return next;
            }
        }
    }

    private static Dictionary<string, string> PhaseEntriesOf(JsonObject states)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, state) in states)
        {
            if (state is JsonObject o && o["Comment"] is JsonValue comment && comment.TryGetValue<string>(out var text)
                && text.StartsWith(PhaseTagStart, StringComparison.Ordinal) && text.IndexOf(']', StringComparison.Ordinal) is var end and > 0)
            {
                entries[name] = text[PhaseTagStart.Length..end];
            }
        }

        return entries;
    }
}
