using Deploy.Contracts.Flows;

namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// The invariants of DESIGN section 2, checked at every simulated step (every task attempt and Wait of every execution,
/// nested and interleaved ones included) and at the end of every execution — not only at the end of the first one:
/// <list type="bullet">
/// <item>never any weight on a color with no in-service instance;</item>
/// <item>a color that takes traffic runs, on every instance, the launch-template version its group is pinned to (the
/// version the flows recorded for it), and a deployment grows a color's weight only while all its targets are healthy —
/// or on the evidence of its own health probe, whose last reading of the color's targets (DescribeTargetHealth) showed
/// every one healthy and came after the deployment's last pause (a Wait, an approval): ELBv2 offers no check-and-set,
/// so targets can fail in the seconds of retries between the reading and the ModifyRule, and the next probe must then
/// roll back (a restore to the recorded live color is one call with no verdict in between, by design);</item>
/// <item>the lock is held only by a running execution (or by a stopped one until its Recovery ends, or until an operator
/// unlocks it after its Recovery failed loudly because DynamoDB refused its writes);</item>
/// <item>an alarm or operator rollback is never undone: once a Rollback execution restored the weights during a
/// deployment, that deployment never gives the other color weight again;</item>
/// <item>after every execution 100 % of traffic is on one color (unless a deployment that is still running owns the
/// split, AWS refused the restoring ModifyRule and the execution failed loudly, or the execution found the split and
/// refused without touching the rule);</item>
/// <item>exactly one failure notification per failed deployment, none per successful one;</item>
/// <item>the state item tells the truth about the colors: a color it calls warm (<c>previousWarm</c>) has in-service
/// instances, all on its recorded launch-template version (at every step); whenever nothing is running or about to run
/// (no deployment, rollback or recovery, none queued), the color it calls live runs a version that was verified on it (the
/// world's first colors, or a deployment's new color once recorded) and all traffic is on it — unless a rollback or
/// recovery failed loudly (<c>Deploy.RollbackFailed</c>, <c>Deploy.RecoveryFailed</c>, notified) and nothing has put
/// traffic back on a verified live color since;</item>
/// <item>an execution stopped from outside (StopExecution, its timeout) leaves nothing behind once its Recovery ended: 100 %
/// on the previous (or recorded new) color, the lock free, and it or its recovery notified once (see
/// <see cref="Invariants.AfterRecovery"/>).</item>
/// </list>
/// </summary>
public sealed class StepInvariants
{
    private readonly SimulatedWorld _world;
    private readonly string? _foreignLock;
    private readonly List<string> _violations = new();
    private readonly Dictionary<string, string> _restoredDuring = new(StringComparer.Ordinal);
    private readonly HashSet<(string Color, string Version)> _verified = new();
    private Dictionary<string, int> _weights;
    private string? _loudFailure;

    /// <summary>Per execution and color, its health probes' last reading of the color's targets: when, and whether all were healthy.</summary>
    private readonly Dictionary<(string Execution, string Color), (DateTimeOffset At, bool AllHealthy)> _readings = new();

    /// <summary>When each execution last paused on purpose (the end of a Wait or an approval): a reading from before it is no evidence after it.</summary>
    private readonly Dictionary<string, DateTimeOffset> _pausedUntil = new(StringComparer.Ordinal);

    private StepInvariants(SimulatedWorld world, string? foreignLock)
    {
        _world = world;
        _foreignLock = foreignLock;
        _weights = new Dictionary<string, int>(world.Weights);
        // What runs before the first execution is what the environment had verified (the scenario's given state).
        foreach (var (color, group) in world.Groups.Where(g => world.InServiceInstances(g.Key).Count > 0))
        {
            _verified.Add((color, group.LaunchTemplateVersion));
        }
    }

    /// <summary>Every violation found so far, as a sentence with the simulated time, execution and state.</summary>
    public IReadOnlyList<string> Violations => _violations;

    /// <summary>
    /// Watches <paramref name="world"/> from now on (before its first execution). <paramref name="foreignLock"/> is a
    /// lock holder the scenario put in the table before the run (an execution outside the world), accepted as held.
    /// </summary>
    public static StepInvariants Attach(SimulatedWorld world, string? foreignLock = null)
    {
        var invariants = new StepInvariants(world, foreignLock);
        var answered = world.TaskAnswered;
        world.TaskAnswered = (execution, call, outcome) =>
        {
            answered?.Invoke(execution, call, outcome);
            invariants.AfterStep(execution, call, outcome);
        };
        var ended = world.ExecutionEnded;
        world.ExecutionEnded = execution =>
        {
            ended?.Invoke(execution);
            invariants.AfterExecution(execution);
        };
        return invariants;
    }

    private void Violation(SimulatedWorld.ExecutionRecord execution, string state, string what) =>
        _violations.Add($"{_world.Clock.UtcNow:HH:mm:ss} {execution.Name}/{state}: {what}");

    /// <summary>The color that had all the traffic when <paramref name="execution"/> started (else the world's first live color).</summary>
    private string OldColorOf(SimulatedWorld.ExecutionRecord execution) =>
        (execution.WeightsAtStart is { } start ? TrafficShares.AllOn(start) : null) ?? _world.OldColor;

    private static string Other(string color) => color == "blue" ? "green" : "blue";

    private bool Running(string arn) =>
        _world.Executions.Any(e => e.Arn == arn && e.Result is null);

    /// <summary>
    /// Whether DynamoDB refused (an injected fault) the holder's release of the lock: a loud failure nothing in the flow
    /// can do better on, accepted until the recovery of ended executions releases such a lock.
    /// </summary>
    private bool ReleaseRefused(string arn) =>
        _world.Executions.Any(e => e.Arn == arn
            && e.Refused.Any(r => r.Api == "dynamodb:updateItem" && ReleasingStates.Any(p => r.State.StartsWith(p, StringComparison.Ordinal))));

    /// <summary>
    /// Whether the Recovery of <paramref name="arn"/> failed loudly after DynamoDB refused its writes (an injected fault): the
    /// one case nothing in the flows can release the lock, accepted until an operator unlocks it (the Unlock state machine).
    /// </summary>
    private bool RecoveryWritesRefused(string arn) =>
        _world.RecoveryOf(arn) is { Result.Succeeded: false } recovery && recovery.Refused.Any(r => r.Api == "dynamodb:updateItem");

    /// <summary>The states that release the lock (alone, or in the same write that records the outcome).</summary>
    private static readonly IReadOnlyList<string> ReleasingStates = FlowStateNames.LockReleasingStates;

    /// <summary>The Deploy state that records a verified new live color (its success).</summary>
    private const string RecordsNewLiveColor = FlowStateNames.Deploy.RecordNewLiveColor;

    private string? Recorded(System.Linq.Expressions.Expression<Func<StateItem, object?>> attribute) => SimulatedTable.Plain(_world.StateItem?[StateItem.Name(attribute)]) as string;

    private void AfterStep(SimulatedWorld.ExecutionRecord execution, TaskCall call, TaskOutcome outcome)
    {
        var state = call.StateName;
        RecordEvidence(execution, call, outcome);
        foreach (var (color, weight) in _world.Weights.Where(w => w.Value > 0))
        {
            var group = _world.Groups[color];
            var inService = _world.InServiceInstances(color);
            if (inService.Count == 0)
            {
                Violation(execution, state, $"{color} has weight {weight} but no in-service instance");
                continue;
            }

            var stale = inService.Where(i => i.LaunchTemplateVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) != group.LaunchTemplateVersion).ToList();
            if (stale.Count > 0)
            {
                Violation(execution, state, $"{color} has weight {weight} but {stale.Count} of its {inService.Count} in-service instances run launch-template version "
                    + $"{string.Join("/", stale.Select(i => i.LaunchTemplateVersion).Distinct())}, not the pinned {group.LaunchTemplateVersion}");
            }

            // A deployment moves traffic only onto targets that are healthy now. A restore is exempt by design: it puts
            // traffic back on the recorded live color in one call, with no verdict in between (DESIGN section 1).
            var restore = state.StartsWith(FlowStateNames.Prefixes.RestoreTrafficTo, StringComparison.Ordinal) || state.StartsWith(FlowStateNames.Prefixes.RepairSplitTo, StringComparison.Ordinal);
            if (!restore && _world.TrafficShare(color) > TrafficShares.Of(_weights, color) && inService.Any(i => _world.TargetStateOf(color, i) != "healthy")
                && Evidence(execution, color) is { } missing)
            {
                Violation(execution, state, $"{color}'s traffic share grew to {_world.TrafficShare(color):P0} (weight {weight}) while not all of its targets were healthy, "
                    + missing);
            }
        }

        if (SimulatedTable.Plain(_world.StateItem?[StateItem.Name(i => i.LockedBy)]) is string holder && holder != _foreignLock && !Running(holder) && !ReleaseRefused(holder)
            && !_world.RecoveryPending(holder) && !RecoveryWritesRefused(holder))
        {
            Violation(execution, state, $"the lock is held by {holder}, which is not running");
        }

        RecordRestores(execution, state, outcome.Error is null && state.StartsWith(FlowStateNames.Prefixes.RestoreTrafficTo, StringComparison.Ordinal));
        if (execution.Machine == "Deploy" && state == RecordsNewLiveColor && outcome.Error is null && Recorded(i => i.LiveColor) is { } verified)
        {
            _verified.Add((verified, _world.Groups[verified].LaunchTemplateVersion));
        }

        CheckWarmPrevious(execution, state);
        _weights = new Dictionary<string, int>(_world.Weights);
    }

    /// <summary>
    /// Notes the pauses of every execution and the target-health readings of its health probes (a HealthProbe's
    /// DescribeTargetHealth, as it answered: every registered target <c>healthy</c>, or not).
    /// </summary>
    private void RecordEvidence(SimulatedWorld.ExecutionRecord execution, TaskCall call, TaskOutcome outcome)
    {
        if (call.IsWait || call.IsCallback)
        {
            _pausedUntil[execution.Arn] = _world.Clock.UtcNow;
            return;
        }

        if (execution.Parent is { } parent && call.Resource.EndsWith(":describeTargetHealth", StringComparison.Ordinal) && outcome.Error is null
            && call.Input?["TargetGroupArn"]?.GetValue<string>() is { } targetGroup)
        {
            var targets = outcome.Output?["TargetHealthDescriptions"]?.AsArray() ?? new System.Text.Json.Nodes.JsonArray();
            var allHealthy = targets.Count > 0 && targets.All(t => t?["TargetHealth"]?["State"]?.GetValue<string>() == "healthy");
            _readings[(parent.Arn, _world.ColorOfTargetGroup(targetGroup))] = (_world.Clock.UtcNow, allHealthy);
        }
    }

    /// <summary>
    /// Null when <paramref name="execution"/> has the evidence to move traffic onto <paramref name="color"/> (see the
    /// class summary); otherwise what is missing, as the end of the violation's sentence.
    /// </summary>
    private string? Evidence(SimulatedWorld.ExecutionRecord execution, string color)
    {
        if (!_readings.TryGetValue((execution.Arn, color), out var reading))
        {
            return "and no health probe of this execution had read them";
        }

        if (!reading.AllHealthy)
        {
            return $"and its last health probe's reading of them ({reading.At:HH:mm:ss}) did not show them all healthy";
        }

        return _pausedUntil.TryGetValue(execution.Arn, out var paused) && paused > reading.At
            ? $"and its last reading of them ({reading.At:HH:mm:ss}) came before its pause that ended at {paused:HH:mm:ss}"
            : null;
    }

    /// <summary>A color the record calls warm must be one a rollback can flip to: in-service instances, on the recorded version.</summary>
    private void CheckWarmPrevious(SimulatedWorld.ExecutionRecord execution, string state)
    {
        if (SimulatedTable.Plain(_world.StateItem?[StateItem.Name(i => i.PreviousWarm)]) is not true || Recorded(i => i.PreviousColor) is not { } previous)
        {
            return;
        }

        var inService = _world.InServiceInstances(previous);
        if (Recorded(i => i.LiveColor) == previous)
        {
            Violation(execution, state, $"the record calls {previous} both live and the warm previous color");
        }
        else if (inService.Count == 0)
        {
            Violation(execution, state, $"the record calls {previous} the warm previous color but it has no in-service instance");
        }
        else if (Recorded(i => i.PreviousLaunchTemplateVersion) is { } version
            && inService.Any(i => i.LaunchTemplateVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) != version))
        {
            Violation(execution, state, $"the record calls {previous} warm on launch-template version {version}, but its in-service instances run "
                + string.Join("/", inService.Select(i => i.LaunchTemplateVersion).Distinct()));
        }
    }

    /// <summary>
    /// At an execution's end with nothing else running or queued: the record's live color runs a verified version and has
    /// all the traffic, unless a loud failure (a rollback or recovery that could not put traffic back, notified) stands.
    /// </summary>
    private void CheckRecord(SimulatedWorld.ExecutionRecord execution)
    {
        if (execution.Result!.Error is "Deploy.RollbackFailed" or "Deploy.RecoveryFailed")
        {
            _loudFailure = $"{execution.Name} ({execution.Result.Error})";
        }

        var busy = _world.Executions.Any(e => e != execution && e.Result is null && e.Machine is "Deploy" or "Rollback" or "Recovery" && StatePath.Read<DeployState>(e.Input, s => s.RetirePrevious) is null)
            || _world.Executions.Any(e => e.Result is not null && _world.RecoveryPending(e.Arn));
        if (busy || Recorded(i => i.LiveColor) is not { } live)
        {
            return;
        }

        var version = _world.Groups[live].LaunchTemplateVersion;
        var verified = _verified.Contains((live, version));
        if (!verified)
        {
            Violation(execution, "(end)", $"the record names {live} live, but {live} runs launch-template version {version}, never verified on it");
        }

        var traffic = TrafficShares.AllOn(_world.Weights);
        if (traffic == live && verified)
        {
            _loudFailure = null;
        }
        else if (_loudFailure is null)
        {
            Violation(execution, "(end)", $"the record names {live} live but traffic is blue {_world.Weights["blue"]} / green {_world.Weights["green"]}, "
                + "with no failed rollback or recovery notified to explain it");
        }
    }

    /// <summary>A Rollback execution restoring traffic while a deployment holds the lock; that deployment must not undo it.</summary>
    private void RecordRestores(SimulatedWorld.ExecutionRecord execution, string state, bool restored)
    {
        // A restore counts even when the weights were already there (a rollback during the health polls or the approval).
        var live = TrafficShares.AllOn(_world.Weights);
        if (execution.Machine == "Rollback" && restored && live is not null)
        {
            foreach (var deployment in _world.Executions.Where(e => e.Machine == "Deploy" && e.Result is null && e != execution))
            {
                _restoredDuring[deployment.Arn] = live;
            }
        }
        else if (execution.Machine == "Deploy" && _restoredDuring.TryGetValue(execution.Arn, out var color) && _world.TrafficShare(color) != 1)
        {
            Violation(execution, state, $"undid the rollback: {color} was given all traffic by a Rollback execution, now blue {_world.Weights["blue"]} / green {_world.Weights["green"]}");
        }
    }

    private void AfterExecution(SimulatedWorld.ExecutionRecord execution)
    {
        if (execution.Machine == "HealthProbe")
        {
            return;
        }

        var result = execution.Result!;
        if (execution.Machine == "Recovery" && execution.Input?["detail"]?["executionArn"]?.GetValue<string>() is { } recovered
            && _world.Executions.FirstOrDefault(e => e.Arn == recovered) is { Result.Stopped: true } stopped)
        {
            foreach (var violation in Invariants.AfterRecovery(_world, stopped, OldColorOf(stopped), Other(OldColorOf(stopped))))
            {
                Violation(execution, "(end)", violation);
            }
        }

        if (result.Stopped && _world.RecoveryPending(execution.Arn))
        {
            // Stopped from outside: no Catch ran, and what it left behind is checked when its Recovery ends.
            return;
        }

        var split = TrafficShares.AllOn(_world.Weights) is null;
        var restoreRefused = result.Error is "Deploy.RollbackFailed" or "Deploy.RecoveryFailed" && execution.Refused.Any(r => r.Api == "elasticloadbalancingv2:modifyRule");
        var deploymentRunning = _world.Executions.Any(e => e.Machine == "Deploy" && e.Result is null);
        // A split found at the start and left untouched (Deploy.SplitTraffic refuses without a record) is not this execution's.
        var foundSplit = execution.Calls.All(c => c.Api != "elasticloadbalancingv2:modifyRule")
            && execution.WeightsAtStart is { } before && TrafficShares.AllOn(before) is null;
        if (split && !restoreRefused && !deploymentRunning && !foundSplit)
        {
            Violation(execution, "(end)", $"ended {result.Status} with traffic split: blue {_world.Weights["blue"]} / green {_world.Weights["green"]}");
        }

        if (SimulatedTable.Plain(_world.StateItem?[StateItem.Name(i => i.LockedBy)]) as string == execution.Arn && !ReleaseRefused(execution.Arn))
        {
            Violation(execution, "(end)", $"ended {result.Status} and still holds the lock");
        }

        CheckRecord(execution);
        if (execution.Machine == "Deploy" && StatePath.Read<DeployState>(execution.Input, s => s.RetirePrevious) is null)
        {
            var failures = Invariants.FailureNoticesOf(execution);
            var expected = result.Succeeded ? 0 : 1;
            if (failures != expected)
            {
                Violation(execution, "(end)", $"ended {result.Status} ({result.Error}) after {failures} failure notifications, expected {expected}");
            }
        }
    }
}
