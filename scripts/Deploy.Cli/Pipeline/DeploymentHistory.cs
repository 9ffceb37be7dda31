namespace Deploy.Cli.Pipeline;

/// <summary>One deployment as <c>history</c> lists it.</summary>
public sealed record DeploymentEntry(string Execution, DateTimeOffset Start, DateTimeOffset? Stop, string? Version, string? Strategy, string Outcome, TimeSpan? Duration, TimeSpan? TimeToRestore,
    string? RequestedBy = null, string? Reason = null, ApprovalAnswer? Approval = null);

/// <summary>
/// DORA-style figures over a list of deployments: deployment frequency (deployments per day over the span they
/// cover), change-failure rate (failed or rolled back ÷ finished), mean time to restore (over rolled-back
/// deployments that had moved traffic: from the first traffic shift to the restored weights).
/// </summary>
public sealed record DeploymentSummary(int Deployments, double PerDay, double? ChangeFailureRate, TimeSpan? MeanTimeToRestore)
{
    /// <summary>Outcomes that count as a failed change.</summary>
    public static readonly IReadOnlySet<string> Failures = new HashSet<string>(StringComparer.Ordinal) { "RolledBack", "Failed", "RollbackFailed", "ApprovalRejected", "Aborted", "TimedOut" };

    /// <summary>Computes the summary.</summary>
    public static DeploymentSummary Of(IReadOnlyList<DeploymentEntry> entries, DateTimeOffset now)
    {
        if (entries.Count == 0)
        {
            return new DeploymentSummary(0, 0, null, null);
        }

        var span = now - entries.Min(e => e.Start);
        var perDay = entries.Count / Math.Max(1.0, span.TotalDays);
        var finished = entries.Where(e => e.Outcome is not "Running" and not "Refused").ToList();
        double? failureRate = finished.Count == 0 ? null : finished.Count(e => Failures.Contains(e.Outcome)) / (double)finished.Count;
        var restores = entries.Where(e => e.TimeToRestore is not null).Select(e => e.TimeToRestore!.Value).ToList();
        TimeSpan? mttr = restores.Count == 0 ? null : TimeSpan.FromSeconds(restores.Average(r => r.TotalSeconds));
        return new DeploymentSummary(entries.Count, perDay, failureRate, mttr);
    }
}
