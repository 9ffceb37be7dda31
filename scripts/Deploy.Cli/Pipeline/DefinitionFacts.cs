using System.Text.Json.Nodes;

namespace Deploy.Cli.Pipeline;

/// <summary>
/// What the Deploy state machine's definition tells about the configuration: the target groups of each color,
/// the waits (grace, poll interval, bake check), the health deadline in polls, and the stated worst-case time to
/// rollback that follows from them.
/// </summary>
public sealed record DefinitionFacts
{
    /// <summary>Seconds of the rollback alarms' evaluation window: 3 one-minute periods (the construct's constant).</summary>
    public const int AlarmWindowSeconds = 180;

    /// <summary>Worst case for CloudWatch to publish the alarm state change after the window.</summary>
    public const int AlarmPublicationSeconds = 60;

    /// <summary>EventBridge delivery and the two states before the weights are restored.</summary>
    public const int DeliveryAndStatesSeconds = 10;

    /// <summary>How the comment of a phase's first state begins: <c>[phase:NAME]</c>.</summary>
    public const string PhaseTagStart = "[phase:";

    /// <summary>Target group ARN → color.</summary>
    public required IReadOnlyDictionary<string, string> TargetGroupColors { get; init; }

    /// <summary>Grace period, seconds.</summary>
    public int? GraceSeconds { get; init; }

    /// <summary>Time between health polls, seconds.</summary>
    public int? PollSeconds { get; init; }

    /// <summary>Time between bake checks, seconds.</summary>
    public int? BakeCheckSeconds { get; init; }

    /// <summary>Health polls before the deployment times out.</summary>
    public int? MaxPolls { get; init; }

    /// <summary>Whether deployments wait for an approval.</summary>
    public bool ApprovalRequired { get; init; }

    /// <summary>The state a deployment enters once it holds the lock (the success path of <c>AcquireLock</c>).</summary>
    public string? AfterLockState { get; init; }

    /// <summary>
    /// The phases the definition declares: the state that begins each (its <c>Comment</c> starts with
    /// <c>[phase:NAME]</c>) → the phase's name. Empty for a definition that declares none.
    /// </summary>
    public IReadOnlyDictionary<string, string> PhaseEntries { get; init; } = new Dictionary<string, string>();

    /// <summary>Worst case from a problem to restored weights when the alarm rule triggers Rollback.</summary>
    public int AlarmPathSeconds => AlarmWindowSeconds + AlarmPublicationSeconds + DeliveryAndStatesSeconds;

    /// <summary>Worst case during a deployment's bake: one bake check interval, then two states.</summary>
    public int? BakePathSeconds => BakeCheckSeconds is { } bake ? bake + DeliveryAndStatesSeconds : null;

    /// <summary>Reads the facts from the Deploy definition.</summary>
    public static DefinitionFacts From(JsonObject definition)
    {
        var states = definition["States"]?.AsObject() ?? new JsonObject();
        var colors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (states["RestoreTrafficToBlue"]?["Parameters"]?["Actions"]?[0]?["ForwardConfig"]?["TargetGroups"] is JsonArray groups)
        {
            foreach (var group in groups.OfType<JsonObject>())
            {
                colors[group["TargetGroupArn"]!.GetValue<string>()] = group["Weight"]?.GetValue<int>() == 100 ? "blue" : "green";
            }
        }

        int? Seconds(string state) => states[state]?["Seconds"]?.GetValue<int>();
        return new DefinitionFacts
        {
            TargetGroupColors = colors,
            GraceSeconds = Seconds("GracePeriod"),
            PollSeconds = Seconds("WaitForHealth"),
            BakeCheckSeconds = Seconds("Bake"),
            MaxPolls = states["StartCounters"]?["Parameters"]?["polls"]?.GetValue<int>(),
            ApprovalRequired = states["AwaitApproval"] is not null,
            AfterLockState = states["AcquireLock"]?["Next"]?.GetValue<string>(),
            PhaseEntries = PhaseEntriesOf(states),
        };
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
