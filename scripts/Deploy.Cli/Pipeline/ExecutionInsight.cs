using System.Text.Json.Nodes;
using Deploy.Contracts.Flows;

namespace Deploy.Cli.Pipeline;

/// <summary>
/// What an execution's history says: the current state, the latest rule weights and health verdict the flow
/// saw, the states with their durations, and the approval task token while one is pending.
/// </summary>
public sealed record ExecutionInsight
{
    /// <summary>The state entered last.</summary>
    public string? CurrentState { get; init; }

    /// <summary>Latest weights read by the flow, by color; empty when none was read yet.</summary>
    public IReadOnlyDictionary<string, int> Weights { get; init; } = new Dictionary<string, int>();

    /// <summary>Latest health verdict: status and reasons.</summary>
    public (string Status, IReadOnlyList<string> Reasons)? Verdict { get; init; }

    /// <summary>Every state entered, with its duration (until exit, or until now while it runs).</summary>
    public IReadOnlyList<(string State, DateTimeOffset Entered, TimeSpan Duration)> States { get; init; } = [];

    /// <summary>The task token of an approval waiting for an answer, if any.</summary>
    public string? PendingApprovalToken { get; init; }

    /// <summary>How the approval was answered, once it was: approved (with the approver and reason) or rejected.</summary>
    public ApprovalAnswer? Approval { get; init; }

    /// <summary>
    /// Reads the history; <paramref name="targetGroupColors"/> maps target group ARNs to colors; <paramref name="now"/>
    /// ends the states still open (the execution's stop time once it ended).
    /// </summary>
    public static ExecutionInsight From(IReadOnlyList<HistoryEvent> events, IReadOnlyDictionary<string, string> targetGroupColors, DateTimeOffset now)
    {
        var states = new List<(string State, DateTimeOffset Entered, TimeSpan Duration)>();
        var open = new Dictionary<string, int>(StringComparer.Ordinal);
        IReadOnlyDictionary<string, int> weights = new Dictionary<string, int>();
        var reader = new WeightsReader(targetGroupColors);
        (string, IReadOnlyList<string>)? verdict = null;
        string? current = null;
        string? token = null;
        ApprovalAnswer? approval = null;
        foreach (var e in events.OrderBy(e => e.Id))
        {
            approval = ApprovalAnswer.From(e) ?? approval;
            if (e.Type.EndsWith("StateEntered", StringComparison.Ordinal) && e.State is { } entered)
            {
                current = entered;
                open[entered] = states.Count;
                states.Add((entered, e.Time, Positive(now - e.Time)));
            }
            else if (e.Type.EndsWith("StateExited", StringComparison.Ordinal) && e.State is { } exited && open.Remove(exited, out var index))
            {
                states[index] = (exited, states[index].Entered, Positive(e.Time - states[index].Entered));
                var data = e.Data;
                weights = reader.Read(data) ?? weights;
                if (VerdictOf(data) is { } read)
                {
                    verdict = read;
                }
            }

            // The approval task's parameters carry its token (the SNS Publish message's taskToken).
            if (e.Type == "TaskScheduled" && StatePath.ReadString<NotificationMessage>(Member(e.Data, "Message"), m => m.TaskToken) is { } text)
            {
                token = text;
            }
        }

        // Pending only while the approval state is entered and not exited.
        if (!open.ContainsKey(FlowStateNames.Deploy.AwaitApproval))
        {
            token = null;
        }

        return new ExecutionInsight { CurrentState = current, Weights = weights, Verdict = verdict, States = states, PendingApprovalToken = token, Approval = approval };
    }

    /// <summary>
    /// The health verdict a Deploy or Rollback state's data carries (<see cref="FlowState.Verdict"/>): its status and reasons,
    /// or null when it carries none.
    /// </summary>
    internal static (string Status, IReadOnlyList<string> Reasons)? VerdictOf(JsonNode? data) =>
        StatePath.ReadString<DeployState>(data, s => s.Verdict.Status) is { } status
            ? (status, StatePath.Read<DeployState>(data, s => s.Verdict.Reasons) is JsonArray reasons ? reasons.OfType<JsonValue>().Select(r => r.ToString()).ToList() : [])
            : null;

    /// <summary>A member of <paramref name="node"/> when it is an object; <see langword="null"/> for any other JSON (data is read, never trusted).</summary>
    internal static JsonNode? Member(JsonNode? node, string name) => node is JsonObject o ? o[name] : null;

    private static TimeSpan Positive(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
