using Deploy.Contracts.Flows;

namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// The figures of one rehearsed execution: states executed, state transitions (the billing unit of Standard
/// workflows), history events, simulated duration, and — when it restored traffic — the states and Lambda
/// invocations between the detection of the problem and the ModifyRule that restored the weights.
/// </summary>
public sealed record RehearsalReport
{
    /// <summary>States whose entry leads into the rollback path (they belong to the window, not to the detection).</summary>
    private static readonly HashSet<string> RollbackEntry = new(StringComparer.Ordinal) { FlowStateNames.Deploy.RollBackToLiveColor, FlowStateNames.Deploy.MarkWeightsNotApplied, FlowStateNames.Deploy.MarkTrafficMovedBack };

    /// <summary>The Rollback state that decides a restore after verifying its target (one per color).</summary>
    private const string VerifiedRestoreDecision = FlowStateNames.Rollback.RestoreTargetHealthy;

    /// <summary>Scenario or execution name.</summary>
    public required string Name { get; init; }

    /// <summary>Deploy or Rollback.</summary>
    public required string Machine { get; init; }

    /// <summary>SUCCEEDED or FAILED, with the error.</summary>
    public required string Outcome { get; init; }

    /// <summary>Statistics of the execution (not counting its HealthProbe children).</summary>
    public required ExecutionStatistics Statistics { get; init; }

    /// <summary>HealthProbe (Express) executions started, and their state transitions.</summary>
    public required (int Executions, int Transitions) Probes { get; init; }

    /// <summary>Simulated duration.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>The state that detected the problem (for the Rollback state machine: its start).</summary>
    public string? Detection { get; init; }

    /// <summary>
    /// States entered after the detection and before the ModifyRule that restored the weights — the decision's own work —
    /// not counting the Rollback's stop of a running deployment (<c>StopDeployment*</c>, see <see cref="StoppedDeploymentFirst"/>),
    /// which is no step toward the decision but what makes the restore final (no traffic step of the deployment can land
    /// after it).
    /// </summary>
    public int? StatesBeforeRestore { get; init; }

    /// <summary>Whether the Rollback stopped a running deployment before it restored the weights.</summary>
    public bool StoppedDeploymentFirst { get; init; }

    /// <summary>Lambda invocations in that window.</summary>
    public int? LambdasBeforeRestore { get; init; }

    /// <summary>
    /// Simulated time from the start of the first minute whose metrics breach one of the failed color's alarm thresholds
    /// to the ModifyRule that put 100 % back on the other color; <see langword="null"/> when the execution restored
    /// nothing or no minute breached (an operator's or a health-only rollback).
    /// </summary>
    public TimeSpan? BadMinuteToRestore { get; init; }

    /// <summary>When the restoring ModifyRule of the execution took effect.</summary>
    public DateTimeOffset? RestoredAt { get; init; }

    /// <summary>The report of one execution of a rehearsed world.</summary>
    public static RehearsalReport For(string name, SimulatedWorld world, SimulatedWorld.ExecutionRecord execution)
    {
        var result = execution.Result!;
        var probes = world.Executions.Where(e => e.Machine == "HealthProbe" && e.Parent == execution).ToList();
        var report = new RehearsalReport
        {
            Name = name,
            Machine = execution.Machine,
            Outcome = result.Succeeded ? "SUCCEEDED" : $"{result.StatusName} {result.Error}",
            Statistics = ExecutionStatistics.From(result),
            Probes = (probes.Count, probes.Sum(p => ExecutionStatistics.From(p.Result!).StateTransitions)),
            Duration = execution.EndedAt - execution.StartedAt,
        };

        var entered = result.Events.Where(e => e.Type == "StateEntered").ToList();
        var restore = entered.FindIndex(e => e.State?.StartsWith(FlowStateNames.Prefixes.RestoreTrafficTo, StringComparison.Ordinal) == true);
        if (restore < 0)
        {
            return report;
        }

        // The Rollback state machine decides at its start, except when it restores a color the record does not vouch for as
        // warm (the last verified one, after a failed rollback): it verifies it first, and decides on the verdict.
        var detection = execution.Machine == "Rollback"
            ? entered.FindLastIndex(restore, e => e.State?.StartsWith(VerifiedRestoreDecision, StringComparison.Ordinal) == true)
            : restore - 1;
        while (detection >= 0 && RollbackEntry.Contains(entered[detection].State!))
        {
            detection--;
        }

        var window = entered.Skip(detection + 1).Take(restore - detection - 1).ToList();
        var restoreState = entered[restore].State!;
        var restored = restoreState.Contains("Blue", StringComparison.Ordinal) ? "blue" : "green";
        var restoredAt = world.WeightChanges
            .Where(w => w.State == restoreState && w.At >= execution.StartedAt && w.At <= execution.EndedAt && (restored == "blue" ? w.Blue : w.Green) == 100)
            .Select(w => (DateTimeOffset?)w.At)
            .FirstOrDefault();
        var badMinute = restoredAt is { } at ? world.FirstBreachingMinute(restored == "blue" ? "green" : "blue", at) : null;
        return report with
        {
            RestoredAt = restoredAt,
            BadMinuteToRestore = restoredAt - badMinute,
            Detection = detection < 0 ? "execution start (alarm rule or operator)" : entered[detection].State,
            StatesBeforeRestore = window.Count(e => !IsStopOfDeployment(e.State)),
            StoppedDeploymentFirst = window.Any(e => IsStopOfDeployment(e.State)),
            LambdasBeforeRestore = window.Count(e => ExecutionStatistics.IsLambda(e.Resource)),
        };
    }

    private static bool IsStopOfDeployment(string? state) => state?.StartsWith("StopDeployment", StringComparison.Ordinal) == true;

    /// <summary>One line for a table.</summary>
    public override string ToString()
    {
        var line = FormattableString.Invariant(
            $"{Name,-44} {Machine,-8} {Outcome,-34} states {Statistics.StatesEntered,4}  transitions {Statistics.StateTransitions,4}  history {Statistics.HistoryEvents,5}  probes {Probes.Executions,3}  simulated {Duration.TotalMinutes,7:0.0} min");
        if (StatesBeforeRestore is not null)
        {
            line += FormattableString.Invariant($"  detection->restore: {StatesBeforeRestore} states, {LambdasBeforeRestore} Lambda (after {Detection})");
        }

        return BadMinuteToRestore is { } time ? line + $"  first bad minute->restored: {Minutes(time)}" : line;
    }

    /// <summary>A duration as <c>4 min 10 s</c>.</summary>
    public static string Minutes(TimeSpan time) =>
        FormattableString.Invariant($"{(int)time.TotalMinutes} min {time.Seconds:00} s");
}
