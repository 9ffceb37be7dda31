using Deploy.Contracts;
using Deploy.Contracts.Flows;

namespace Deploy.Cli.Pipeline;

/// <summary>
/// The answer to a deployment's approval task, as its history records it: <c>approve</c> sends
/// <see cref="ApprovalResult"/> as the task's output (TaskSucceeded), <c>reject</c> fails the task with
/// <see cref="DeployErrors.ApprovalRejected"/> and the cause "reason (by user)" (TaskFailed).
/// </summary>
/// <param name="Decision">approved or rejected.</param>
/// <param name="By">Who answered (null when the answer does not say).</param>
/// <param name="Reason">Why, as given.</param>
/// <param name="At">When.</param>
public sealed record ApprovalAnswer(string Decision, string? By, string? Reason, DateTimeOffset At)
{
    /// <summary>The answer one history event carries, or null.</summary>
    public static ApprovalAnswer? From(HistoryEvent e)
    {
        if (e.Type == "TaskSucceeded" && StatePath.Read<ApprovalResult>(e.Data, a => a.ApprovedBy) is { } by)
        {
            return new ApprovalAnswer("approved", by.ToString(), StatePath.Read<ApprovalResult>(e.Data, a => a.Reason)?.ToString(), e.Time);
        }

        if (e.Type == "TaskFailed" && e.Raw["taskFailedEventDetails"] is { } details && details["error"]?.ToString() == DeployErrors.ApprovalRejected)
        {
            var cause = details["cause"]?.ToString() ?? string.Empty;
            var at = cause.LastIndexOf(" (by ", StringComparison.Ordinal);
            return at >= 0 && cause.EndsWith(')')
                ? new ApprovalAnswer("rejected", cause[(at + 5)..^1], cause[..at], e.Time)
                : new ApprovalAnswer("rejected", null, cause, e.Time);
        }

        return null;
    }

    /// <summary>The answer as JSON (<c>--output json</c> of <c>status</c> and <c>history</c>).</summary>
    public System.Text.Json.Nodes.JsonObject Json() => new() { ["decision"] = Decision, ["by"] = By, ["reason"] = Reason, ["date"] = CliJson.Time(At) };

    /// <summary>For people: "approved by alice (CAB-1234)".</summary>
    public override string ToString() => $"{Decision}{(By is null ? string.Empty : $" by {By}")}{(string.IsNullOrEmpty(Reason) ? string.Empty : $" ({Reason})")}";
}
