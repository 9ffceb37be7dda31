using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation;
using Deploy.Contracts.Flows;

namespace Deploy.Rehearsal.Report;

/// <summary>One execution of a rehearsed scenario: who started it, when, and its figures.</summary>
internal sealed record ExecutionRow(string Name, string StartedBy, TimeSpan StartedAfter, RehearsalReport Figures);

/// <summary>One rehearsed scenario: its executions (the first one first), the checks that failed, or the error that stopped it.</summary>
internal sealed record ScenarioRun(string Name, string Source, string? Description, List<ExecutionRow> Executions, List<string> Issues, string? Error);

/// <summary>One acceptance figure of DESIGN section 5.</summary>
internal sealed record AcceptanceFigure(string Id, string Title, string Figure, int? Value, string Limit, bool Pass, string Note, ScenarioRun Run);

/// <summary>A measured time to restore: from the first bad minute to the ModifyRule that restored the weights.</summary>
internal sealed record RestoreFigure(string Id, string Title, TimeSpan? Time, string Note, ScenarioRun Run);

/// <summary>Rehearses scenarios (as the ScenarioTests fixture does) and writes the report as a table or JSON.</summary>
internal sealed class Report(string root) : IDisposable
{
    private const int TransitionLimit = 150;
    private const int HistoryLimit = 2000;

    private readonly RehearsalApp _app = new(root);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private RehearsalEngine? _engine;

    /// <summary>The repository root: the first folder with Deploy.sln above the current directory, then above the program.</summary>
    public static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Deploy.sln")) && File.Exists(Path.Combine(dir.FullName, "cdk.json")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    private RehearsalEngine Engine => _engine ??= RehearsalEngine.Start(root);

    public ScenarioRun RehearseFile(string path)
    {
        Scenario scenario;
        try
        {
            scenario = Scenario.Load(path);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException)
        {
            return new ScenarioRun(Path.GetFileNameWithoutExtension(path), Path.GetRelativePath(root, path), null, [], [], $"cannot read the scenario: {e.Message}");
        }

        return Rehearse(scenario, Path.GetRelativePath(root, path));
    }

    /// <summary>Runs one scenario and lists what is not as expected, the invariants violated and slow restores.</summary>
    public ScenarioRun Rehearse(Scenario scenario, string source)
    {
        SimulatedWorld world;
        SimulatedWorld.ExecutionRecord first;
        try
        {
            var stack = _app.Stack(scenario.Environment, scenario.Settings);
            world = new SimulatedWorld(Engine, stack, scenario);
            first = world.RunScenario();
        }
        catch (Exception e)
        {
            if (e is RehearsalException)
            {
                // The engine process may be unusable now: the next scenario gets a fresh one.
                _engine?.Dispose();
                _engine = null;
            }

            return new ScenarioRun(scenario.Name, source, scenario.Description, [], [], $"{e.GetType().Name}: {e.Message}");
        }

        var rows = world.Executions
            .Where(e => e.Machine != "HealthProbe" && e.Result is not null)
            .OrderBy(e => e == first ? 0 : 1)
            .Select(e => new ExecutionRow(e.Name, e.Why, e.StartedAt - SimulatedWorld.Epoch, RehearsalReport.For(e == first ? scenario.Name : e.Name, world, e)))
            .ToList();
        var foreignLock = scenario.World.State?[StateItem.Name(i => i.LockedBy)]?.GetValue<string>();
        var issues = Expectations.Check(scenario, world, first).Select(m => "not as expected: " + m)
            .Concat(Invariants.Check(world, first, foreignLock).Select(v => "invariant: " + v))
            .Concat(rows.Where(r => r.Figures.StatesBeforeRestore > 2 || r.Figures.LambdasBeforeRestore > 0)
                .Select(r => $"rollback: {r.Name} restored the weights {r.Figures.StatesBeforeRestore} states and {r.Figures.LambdasBeforeRestore} Lambda invocations after {r.Figures.Detection} (at most 2 and none)"))
            .ToList();
        return new ScenarioRun(scenario.Name, source, scenario.Description, rows, issues, null);
    }

    /// <summary>
    /// The simulated time from the first bad minute to restored weights on the two paths, each from a scenario generated
    /// here: (c) ALARM: a default AllAtOnce deployment succeeds, 20 minutes later the new color answers 30 5XX a minute,
    /// its composite alarm (evaluated from the metrics) enters ALARM, the events rule starts Rollback, which restores;
    /// (d) PROBE: the new color answers 30 5XX a minute from 30 s after the shift, during the bake, and the deployment's
    /// own health probe finds it Unhealthy and restores.
    /// </summary>
    public List<RestoreFigure> Restores()
    {
        var request = new JsonObject { ["version"] = "v1.2.3", ["imageId"] = "ami-0123456789abcdef0", ["strategy"] = "AllAtOnce" };
        var alarm = Rehearse(new Scenario
        {
            Name = "restore-alarm-path",
            Description = "A default staging AllAtOnce deployment succeeds; 20 minutes after the shift the new color answers 30 5XX a minute (the alarm's threshold: more than 10 a minute for 3 minutes).",
            Request = request.DeepClone(),
            Timeline = [new TimelineEvent { From = TimelineOrigin.Shift, AtSeconds = 1200, Color = "new", ErrorsPerMinute = 30 }],
            Expect = new Expectation { BlueWeight = 100, Later = ["Deploy:SUCCEEDED", "Rollback:Deploy.RolledBack"] },
        }, "generated");
        var probe = Rehearse(new Scenario
        {
            Name = "restore-probe-path",
            Description = "A default staging AllAtOnce deployment; 30 s after the shift (in the bake) the new color answers 30 5XX a minute.",
            Request = request.DeepClone(),
            Timeline = [new TimelineEvent { From = TimelineOrigin.Shift, AtSeconds = 30, Color = "new", ErrorsPerMinute = 30 }],
            Expect = new Expectation { Status = "FAILED", Error = "Deploy.RolledBack", BlueWeight = 100, Later = [] },
        }, "generated");
        return
        [
            Restore("c", "ALARM path: alarm after a successful deployment -> EventBridge -> Rollback", alarm, "Rollback"),
            Restore("d", "PROBE path: errors during the bake -> health verdict Unhealthy -> the deployment restores", probe, "Deploy"),
        ];
    }

    private static RestoreFigure Restore(string id, string title, ScenarioRun run, string machine)
    {
        var row = run.Executions.FirstOrDefault(e => e.Figures.Machine == machine && e.Figures.BadMinuteToRestore is not null);
        if (run.Error is not null || row is null)
        {
            return new RestoreFigure(id, title, null, $"not measured: {run.Error ?? $"no {machine} execution restored the weights after a bad minute"}", run);
        }

        var f = row.Figures;
        var note = FormattableString.Invariant(
            $"{row.Name} ({f.Machine}, {f.Outcome}) restored at +{(f.RestoredAt!.Value - SimulatedWorld.Epoch).TotalMinutes:0.0} min; {f.StatesBeforeRestore} states, {f.LambdasBeforeRestore} Lambda after {f.Detection}");
        return new RestoreFigure(id, title, f.BadMinuteToRestore, note, run);
    }

    /// <summary>The two acceptance figures, each from a deployment generated here.</summary>
    public List<AcceptanceFigure> Acceptance()
    {
        var allAtOnce = Rehearse(new Scenario
        {
            Name = "acceptance-default-allatonce",
            Description = "A default staging deployment, all at once (strategy in the request, no setting changed), new instances healthy after the default 60 s.",
            Request = new JsonObject { ["version"] = "v1.2.3", ["imageId"] = "ami-0123456789abcdef0", ["strategy"] = "AllAtOnce" },
        }, "generated");
        var bake = Rehearse(Bake(60), "generated");

        return
        [
            Figure("a", "default staging AllAtOnce deployment", "state transitions", allAtOnce, f => f.StateTransitions, v => v <= TransitionLimit, $"<= {TransitionLimit}"),
            bake.Error is null ? Figure("b", BakeTitle, "history events", bake, f => f.HistoryEvents, v => v < HistoryLimit, $"< {HistoryLimit:N0}") : ExtrapolatedBake(bake),
        ];
    }

    private const string BakeTitle = "deployment with a 60-minute bake (settings {\"bakeTimeMinutes\": 60})";

    private static Scenario Bake(int minutes) => new()
    {
        Name = $"acceptance-bake-{minutes}-minutes",
        Description = $"A staging deployment with settings {{\"bakeTimeMinutes\": {minutes}}} (the environment's default strategy), new instances healthy after the default 60 s.",
        Settings = new JsonObject { ["bakeTimeMinutes"] = minutes },
        Request = new JsonObject { ["version"] = "v1.2.3", ["imageId"] = "ami-0123456789abcdef0" },
    };

    /// <summary>
    /// When the 60-minute bake cannot be rehearsed (the simulated world stops at 60 executions, HealthProbe runs
    /// included, and this bake probes 60 times), the figure is extrapolated from 20-, 35- and 50-minute bakes: each bake
    /// check adds the same states, so the history grows linearly with the bake; the three points must be collinear.
    /// </summary>
    private AcceptanceFigure ExtrapolatedBake(ScenarioRun direct)
    {
        int[] minutes = [20, 35, 50];
        var runs = minutes.Select(m => Rehearse(Bake(m), "generated")).ToList();
        _extra.AddRange(runs);
        var limit = $"< {HistoryLimit:N0}";
        var failed = runs.FirstOrDefault(r => r.Error is not null || r.Executions.Count == 0 || r.Executions[0].Figures.Outcome != "SUCCEEDED");
        if (failed is not null)
        {
            return new AcceptanceFigure("b", BakeTitle, "history events", null, limit, false,
                $"not rehearsed ({direct.Error}); the extrapolation failed too: {failed.Name} {failed.Error ?? failed.Executions.FirstOrDefault()?.Figures.Outcome}", direct);
        }

        var events = runs.Select(r => r.Executions[0].Figures.Statistics.HistoryEvents).ToArray();
        var slope = (events[2] - events[0]) / (double)(minutes[2] - minutes[0]);
        var collinear = Math.Abs(events[0] + (slope * (minutes[1] - minutes[0])) - events[1]) < 0.5;
        var estimate = (int)Math.Round(events[2] + (slope * (60 - minutes[2])));
        var points = string.Join(", ", minutes.Select((m, i) => FormattableString.Invariant($"{m} min {N(events[i])}")));
        var note = FormattableString.Invariant(
            $"EXTRAPOLATED, not measured: the 60-minute bake cannot be rehearsed ({direct.Error?.TrimEnd('.')}: the simulated world counts its HealthProbe runs as executions). History events of the Deploy execution: {points}; {slope:0.##} per bake minute, {(collinear ? "collinear" : "NOT collinear")} => 60 min ~ {N(estimate)}");
        return new AcceptanceFigure("b", BakeTitle, "history events (extrapolated)", estimate, limit, collinear && estimate < HistoryLimit, note, direct);
    }

    private readonly List<ScenarioRun> _extra = [];

    private static AcceptanceFigure Figure(string id, string title, string figure, ScenarioRun run, Func<ExecutionStatistics, int> value, Func<int, bool> within, string limit)
    {
        if (run.Error is not null || run.Executions.Count == 0)
        {
            return new AcceptanceFigure(id, title, figure, null, limit, false, "not rehearsed: " + run.Error, run);
        }

        var deploy = run.Executions[0].Figures;
        var measured = value(deploy.Statistics);
        var succeeded = deploy.Outcome == "SUCCEEDED";
        var note = FormattableString.Invariant($"{deploy.Outcome}; Deploy execution only, plus {deploy.Probes.Executions} HealthProbe (Express) runs with {deploy.Probes.Transitions} transitions; {deploy.Duration.TotalMinutes:0.0} simulated min");
        return new AcceptanceFigure(id, title, figure, measured, limit, succeeded && within(measured), succeeded ? note : "the deployment did not succeed: " + note, run);
    }

    public string Table(string folder, List<ScenarioRun> runs, List<AcceptanceFigure> acceptance, List<RestoreFigure> restores)
    {
        var text = new StringBuilder();
        text.AppendLine($"Rehearsal report: {runs.Count} scenarios from {Path.GetRelativePath(root, folder)}, {Engine.EngineVersion}, synthesized state machines, simulated AWS world");
        text.AppendLine();
        var header = new[] { "scenario / later execution", "machine", "outcome", "states", "transitions", "history", "probes", "probe trans.", "simulated", "detection -> restored weights", "bad minute -> restored", "checks" };
        var table = new List<string[]> { header };
        foreach (var run in runs.Concat(acceptance.Select(a => a.Run)).Concat(restores.Select(r => r.Run)).Concat(_extra))
        {
            if (run.Error is not null)
            {
                table.Add([run.Name, "-", "ERROR (below)", "", "", "", "", "", "", "", "", "not rehearsed"]);
                continue;
            }

            foreach (var (row, index) in run.Executions.Select((r, i) => (r, i)))
            {
                var f = row.Figures;
                var name = index == 0 ? run.Name : FormattableString.Invariant($"  then {row.Name} ({row.StartedBy}, +{row.StartedAfter.TotalMinutes:0.#} min)");
                table.Add(
                [
                    name, f.Machine, f.Outcome, N(f.Statistics.StatesEntered), N(f.Statistics.StateTransitions), N(f.Statistics.HistoryEvents),
                    N(f.Probes.Executions), N(f.Probes.Transitions), FormattableString.Invariant($"{f.Duration.TotalMinutes:0.0} min"),
                    f.StatesBeforeRestore is { } states ? $"{states} states, {f.LambdasBeforeRestore} Lambda (after {f.Detection})" : "-",
                    f.BadMinuteToRestore is { } time ? RehearsalReport.Minutes(time) : "-",
                    index > 0 ? string.Empty : run.Issues.Count == 0 ? "ok" : $"{run.Issues.Count} issue(s)",
                ]);
            }
        }

        var numeric = new[] { 3, 4, 5, 6, 7, 8 };
        var widths = Enumerable.Range(0, header.Length).Select(c => table.Max(r => r[c].Length)).ToArray();
        foreach (var row in table)
        {
            var cells = row.Select((cell, c) => c == row.Length - 1 ? cell : numeric.Contains(c) ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
            text.AppendLine(string.Join("  ", cells).TrimEnd());
        }

        var withIssues = runs.Concat(acceptance.Select(a => a.Run)).Concat(restores.Select(r => r.Run)).Concat(_extra).Where(r => r.Issues.Count > 0 || r.Error is not null).ToList();
        if (withIssues.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Errors and failed checks (expectations of the scenario file, invariants of DESIGN section 2, rollback window):");
            foreach (var run in withIssues)
            {
                text.AppendLine($"  {run.Name}:");
                foreach (var issue in run.Error is null ? run.Issues : [.. run.Issues, "rehearsal error: " + run.Error])
                {
                    text.AppendLine($"    - {issue}");
                }
            }
        }

        text.AppendLine();
        text.AppendLine("Acceptance figures (DESIGN section 5), from deployments generated by the report:");
        foreach (var a in acceptance)
        {
            text.AppendLine($"  ({a.Id}) {a.Title}: {a.Figure} {(a.Value is { } v ? N(v) : "-")} (limit {a.Limit})  {(a.Pass ? "PASS" : "FAIL")}{(a.Figure.Contains("extrapolated", StringComparison.Ordinal) ? " (extrapolated)" : string.Empty)}");
            text.AppendLine($"      {a.Note}");
        }

        text.AppendLine();
        text.AppendLine("Time from the first bad minute (the start of the first minute whose metrics breach an alarm threshold) to restored weights (the ModifyRule that puts 100 % back), simulated:");
        foreach (var r in restores)
        {
            text.AppendLine($"  ({r.Id}) {r.Title}: {(r.Time is { } t ? RehearsalReport.Minutes(t) : "-")}");
            text.AppendLine($"      {r.Note}");
        }

        text.AppendLine();
        text.AppendLine(FormattableString.Invariant($"Columns: states entered, state transitions and history events of the execution itself; probes = HealthProbe (Express) executions it started and their transitions; simulated = simulated duration; detection -> restored weights = states and Lambda invocations between the state that detected the problem and the ModifyRule that restored traffic; bad minute -> restored = simulated time from the first minute whose metrics breach an alarm threshold to that ModifyRule. Wall time {_clock.Elapsed.TotalSeconds:0.0} s."));
        return text.ToString();
    }

    public string Json(string folder, List<ScenarioRun> runs, List<AcceptanceFigure> acceptance, List<RestoreFigure> restores)
    {
        var document = new JsonObject
        {
            ["engine"] = Engine.EngineVersion,
            ["scenarioFolder"] = Path.GetRelativePath(root, folder),
            ["scenarios"] = new JsonArray(runs.Select(r => (JsonNode)Run(r)).ToArray()),
            ["acceptance"] = new JsonArray(acceptance.Select(a => (JsonNode)new JsonObject
            {
                ["id"] = a.Id,
                ["title"] = a.Title,
                ["figure"] = a.Figure,
                ["value"] = a.Value,
                ["limit"] = a.Limit,
                ["pass"] = a.Pass,
                ["note"] = a.Note,
                ["scenario"] = Run(a.Run),
            }).ToArray()),
            ["restores"] = new JsonArray(restores.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id,
                ["title"] = r.Title,
                ["badMinuteToRestoredSeconds"] = r.Time?.TotalSeconds,
                ["note"] = r.Note,
                ["scenario"] = Run(r.Run),
            }).ToArray()),
            ["extrapolationScenarios"] = new JsonArray(_extra.Select(r => (JsonNode)Run(r)).ToArray()),
            ["wallSeconds"] = Math.Round(_clock.Elapsed.TotalSeconds, 1),
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static JsonObject Run(ScenarioRun run) => new()
    {
        ["name"] = run.Name,
        ["source"] = run.Source,
        ["description"] = run.Description,
        ["error"] = run.Error,
        ["issues"] = new JsonArray(run.Issues.Select(i => (JsonNode)i).ToArray()),
        ["executions"] = new JsonArray(run.Executions.Select(e => (JsonNode)new JsonObject
        {
            ["name"] = e.Name,
            ["machine"] = e.Figures.Machine,
            ["startedBy"] = e.StartedBy,
            ["startedAfterSeconds"] = e.StartedAfter.TotalSeconds,
            ["outcome"] = e.Figures.Outcome,
            ["statesEntered"] = e.Figures.Statistics.StatesEntered,
            ["stateTransitions"] = e.Figures.Statistics.StateTransitions,
            ["historyEvents"] = e.Figures.Statistics.HistoryEvents,
            ["probeExecutions"] = e.Figures.Probes.Executions,
            ["probeTransitions"] = e.Figures.Probes.Transitions,
            ["simulatedSeconds"] = e.Figures.Duration.TotalSeconds,
            ["detection"] = e.Figures.Detection,
            ["statesBeforeRestore"] = e.Figures.StatesBeforeRestore,
            ["lambdasBeforeRestore"] = e.Figures.LambdasBeforeRestore,
            ["badMinuteToRestoredSeconds"] = e.Figures.BadMinuteToRestore?.TotalSeconds,
        }).ToArray()),
    };

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public void Dispose() => _engine?.Dispose();
}
