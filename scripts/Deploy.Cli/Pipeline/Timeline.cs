using System.Text.Json.Nodes;
using Deploy.Contracts.Flows;

namespace Deploy.Cli.Pipeline;

/// <summary>
/// A deployment as a timeline of phases (validate, lock, prepare, grace, health, approval, each traffic step,
/// bake, finalize or rollback), read from the execution's history and the phases its definition declares
/// (<see cref="DefinitionFacts.PhaseEntries"/>), never from state names: a phase begins when its first state is
/// entered and lasts until the next phase begins or the execution ends.
/// </summary>
public static class Timeline
{
    /// <summary>
    /// The phases of <paramref name="execution"/> in the order it went through them; <paramref name="now"/> ends a phase
    /// that is still running. Empty when the definition declares no phases (an older one) or nothing was entered yet.
    /// </summary>
    public static IReadOnlyList<TimelineEntry> From(IReadOnlyList<HistoryEvent> events, DefinitionFacts facts, ExecutionView execution, DateTimeOffset now)
    {
        var entries = new List<Builder>();
        DateTimeOffset? firstEntered = null;
        string? lastVerdict = null;
        IReadOnlyDictionary<string, int>? lastWeights = null;
        var reader = new WeightsReader(facts.TargetGroupColors);
        int? steps = null;
        foreach (var e in events.OrderBy(e => e.Id))
        {
            var current = entries.LastOrDefault();
            if (e.Type.EndsWith("StateEntered", StringComparison.Ordinal) && e.State is { } state)
            {
                firstEntered ??= e.Time;
                // A phase begins at its first state, or at any state only it reaches when the history lacks that first state.
                if ((facts.PhaseEntries.TryGetValue(state, out var phase) || (current is not null && facts.PhaseOfState.TryGetValue(state, out phase)))
                    && current?.Phase != phase)
                {
                    // States entered before the first declared phase (the request's routing) belong to it.
                    entries.Add(new Builder(phase, current is null ? firstEntered.Value : e.Time));
                }

                continue;
            }

            if (current is null)
            {
                continue;
            }

            if (ApprovalAnswer.From(e) is { } answer)
            {
                current.Detail = answer.ToString();
            }

            if (!e.Type.EndsWith("StateExited", StringComparison.Ordinal))
            {
                continue;
            }

            var data = e.Data;
            steps ??= StatePath.Read<DeployState>(data, s => s.Validation.Request!.TrafficPlan) is JsonArray plan ? plan.Count : null;
            current.Color ??= StatePath.ReadString<DeployState>(data, s => s.Colors.Idle);

            // A state's data carries the latest verdict and weights along: count each new one once, where it was taken.
            if (StatePath.Read<DeployState>(data, s => s.Verdict) is JsonObject verdict && verdict.ToJsonString() is var text && text != lastVerdict)
            {
                lastVerdict = text;
                if (ExecutionInsight.VerdictOf(data) is var (name, reasons))
                {
                    current.Verdicts[name] = current.Verdicts.GetValueOrDefault(name) + 1;
                    current.LastVerdict = name;
                    current.LastReasons = reasons;
                }
            }

            if (reader.Read(data) is { } weights && (lastWeights is null || !weights.SequenceEqual(lastWeights)))
            {
                lastWeights = weights;
                if (current.Phase == TrafficPhase && current.Weights is not null)
                {
                    // The next traffic step begins when the rule shows its weights.
                    current = new Builder(TrafficPhase, e.Time) { Step = current.Step + 1, Color = current.Color };
                    entries.Add(current);
                }

                current.Weights = weights;
            }
        }

        var end = execution.Stop ?? now;
        var result = new List<TimelineEntry>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var b = entries[i];
            var last = i == entries.Count - 1;
            var until = last ? end : entries[i + 1].Started;
            var detail = b.Detail ?? b.Phase switch
            {
                PreparePhase when b.Color is { } idle => $"deploying to {idle}",
                FinalizePhase when b.Color is { } idle && execution.Status == "SUCCEEDED" => $"{idle} live",
                _ => null,
            };
            if (last && execution.Ended && execution.Error is { } error)
            {
                detail = detail is null ? error : $"{detail}; {error}";
            }

            result.Add(new TimelineEntry(b.Phase, b.Phase == TrafficPhase ? b.Step : null, b.Phase == TrafficPhase ? steps : null, b.Started,
                until > b.Started ? until - b.Started : TimeSpan.Zero, last && !execution.Ended, b.Weights, b.Verdicts, b.LastVerdict, b.LastReasons, detail));
        }

        return result;
    }

    /// <summary>The timeline as JSON (<c>status --detailed --output json</c>).</summary>
    public static JsonArray Json(IReadOnlyList<TimelineEntry> timeline) => new(timeline.Select(t => (JsonNode?)new JsonObject
    {
        ["phase"] = t.Phase,
        ["step"] = t.Step,
        ["steps"] = t.Steps,
        ["startDate"] = CliJson.Time(t.Started),
        ["durationSeconds"] = CliJson.Seconds(t.Duration),
        ["running"] = t.Running,
        ["weights"] = t.Weights is null ? null : CliJson.Weights(t.Weights),
        ["verdicts"] = new JsonObject(t.Verdicts.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))),
        ["lastVerdict"] = t.LastVerdict,
        ["lastReasons"] = new JsonArray(t.LastReasons.Select(r => (JsonNode?)r).ToArray()),
        ["detail"] = t.Detail,
    }).ToArray());

    /// <summary>One line per phase for people: start time, duration, phase (with its step), weights, verdicts, detail.</summary>
    public static IEnumerable<string> Lines(IReadOnlyList<TimelineEntry> timeline) => timeline.Select(t =>
    {
        var name = t.Step is { } step ? $"{t.Phase} {step}/{t.Steps?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}" : t.Phase;
        var parts = new List<string>();
        if (t.Weights is { Count: > 0 } weights)
        {
            parts.Add(string.Join(" / ", weights.Select(w => $"{w.Key} {w.Value}%")));
        }

        if (t.Verdicts.Count > 0)
        {
            // The reasons only of a last verdict that was not Healthy: that is what an operator looks for.
            var why = t.LastVerdict is not null and not "Healthy" && t.LastReasons.Count > 0 ? $" (last {t.LastVerdict}: {string.Join("; ", t.LastReasons)})" : string.Empty;
            parts.Add(string.Join(", ", t.Verdicts.Select(v => $"{v.Value} {v.Key}")) + why);
        }

        if (t.Detail is { } detail)
        {
            parts.Add(detail);
        }

        var duration = Report.Format(t.Duration) + (t.Running ? "+" : string.Empty);
        return $"{t.Started:HH:mm:ss}  {duration,8}  {name,-12} {string.Join("; ", parts)}".TrimEnd();
    });

    private const string TrafficPhase = "traffic";
    private const string PreparePhase = "prepare";
    private const string FinalizePhase = "finalize";

    private sealed class Builder(string phase, DateTimeOffset started)
    {
        public string Phase { get; } = phase;

        public DateTimeOffset Started { get; } = started;

        public int Step { get; init; } = 1;

        public string? Color { get; set; }

        public IReadOnlyDictionary<string, int>? Weights { get; set; }

        public SortedDictionary<string, int> Verdicts { get; } = new(StringComparer.Ordinal);

        public IReadOnlyList<string> LastReasons { get; set; } = [];

        public string? LastVerdict { get; set; }

        public string? Detail { get; set; }
    }
}
