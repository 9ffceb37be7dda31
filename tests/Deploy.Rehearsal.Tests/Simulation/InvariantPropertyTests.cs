using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Deploy.Rehearsal.Simulation;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;
using Xunit.Abstractions;

namespace Deploy.Rehearsal.Tests.Simulation;

/// <summary>
/// The invariants of DESIGN section 2 over generated scenarios (strategy, environment and approval, the new
/// version's health, a timeline of metric and alarm changes, injected faults), rehearsed on the synthesized state
/// machines. Every case must end its first execution without an engine exception, keep
/// <see cref="Invariants.Check"/> empty, and restore traffic (wherever it does) within two states and no Lambda.
/// </summary>
/// <remarks>
/// <para>Environment variables:</para>
/// <list type="bullet">
/// <item><c>PROPERTY_SEED="seed,gamma"</c> replays a run (every run prints its seed).</item>
/// <item><c>PROPERTY_MAX_TEST</c>: number of cases (default 500).</item>
/// <item><c>PROPERTY_FAILURES_DIR</c>: where failing cases are saved in the tests/scenarios format, as
/// <c>&lt;n&gt;.json</c> (default <c>/tmp/property-failures</c>).</item>
/// <item><c>PROPERTY_EXPLORE=1</c>: do not stop at the first failing case: run every case, group the violations
/// by kind, minimize one case per kind and save it. The test still fails when any case violates the property.</item>
/// </list>
/// </remarks>
[Collection(nameof(ScenarioCollection))]
public sealed partial class InvariantPropertyTests(ScenarioFixture fixture, ITestOutputHelper output) : IDisposable
{
    private const int DefaultMaxTest = 500;
    private const int MaxStatesBeforeRestore = 2;
    private const int MinimizeBudget = 150;

    private RehearsalEngine? _ownEngine;
    private Failure? _firstFailure;
    private Failure? _lastFailure;
    private bool _exploring;
    private int _cases;
    private int _rehearsals;
    private readonly Dictionary<string, List<Failure>> _byKind = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _restores = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _recoveries = new(StringComparer.Ordinal);
    private readonly List<double> _caseSeconds = new();

    [Fact]
    public void Run_GeneratedScenariosWithFaults_KeepTheInvariants()
    {
        // Arrange
        var (seed, gamma) = Seed();
        var maxTest = int.TryParse(System.Environment.GetEnvironmentVariable("PROPERTY_MAX_TEST"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultMaxTest;
        _exploring = System.Environment.GetEnvironmentVariable("PROPERTY_EXPLORE") == "1";
        var replay = FormattableString.Invariant($"PROPERTY_SEED=\"{seed},{gamma}\"");
        output.WriteLine($"seed ({seed},{gamma}), {maxTest} cases{(_exploring ? ", explore mode" : string.Empty)}; replay with {replay}");
        var total = Stopwatch.StartNew();
        WarmUp();
        var runner = new CapturingRunner();
        var config = Config.Quick
            .WithMaxTest(maxTest)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, gamma), FSharpOption<int>.None)))
            .WithRunner(runner);
        var property = Prop.ForAll(ScenarioGenerators.Cases(), Holds);

        // Act
        Check.One(config, property);

        // Assert
        var failures = _exploring ? MinimizeEachKind() : _lastFailure is { } shrunk ? [shrunk] : new List<Failure>();
        total.Stop();
        Summarize(total.Elapsed);
        if (failures.Count == 0 && runner.Passed)
        {
            Assert.Equal(maxTest, _cases);
            return;
        }

        var message = Report(runner, failures, replay);
        output.WriteLine(message);
        Assert.Fail(message);
    }

    public void Dispose() => _ownEngine?.Dispose();

    /// <summary>Synthesizes every environment and settings variant first, so that case timings are rehearsals only.</summary>
    private void WarmUp()
    {
        var clock = Stopwatch.StartNew();
        var count = 0;
        foreach (var environment in new[] { "staging", "production" })
        {
            for (var variant = 0; variant < ScenarioGenerators.SettingsVariants.Count; variant++)
            {
                fixture.App.Stack(environment, ScenarioGenerators.Settings(variant));
                count++;
            }
        }

        output.WriteLine(FormattableString.Invariant($"warm-up: {count} environment/settings syntheses in {clock.Elapsed.TotalSeconds:0.0} s (cached for the run)"));
    }

    /// <summary>The property for one case. Records failing cases: without exploring, the last one recorded is FsCheck's shrunk case.</summary>
    private bool Holds(PropertyCase generated)
    {
        var shrinking = _firstFailure is not null && !_exploring;
        var clock = Stopwatch.StartNew();
        var (violations, outcome) = Rehearse(generated, recordTallies: !shrinking);
        if (!shrinking)
        {
            _cases++;
            _caseSeconds.Add(clock.Elapsed.TotalSeconds);
        }

        if (violations.Count == 0)
        {
            return true;
        }

        var failure = new Failure(generated, violations, outcome);
        _lastFailure = failure;
        _firstFailure ??= failure;
        if (_exploring)
        {
            foreach (var kind in violations.Select(Kind).Distinct())
            {
                (_byKind.TryGetValue(kind, out var list) ? list : _byKind[kind] = new()).Add(failure);
            }

            return true; // Keep going; the test fails at the end.
        }

        return false;
    }

    /// <summary>Runs one case (as <see cref="ScenarioFixture.Run"/> does) and lists what it violated.</summary>
    private (List<string> Violations, string Outcome) Rehearse(PropertyCase generated, bool recordTallies)
    {
        _rehearsals++;
        var scenario = generated.ToScenario();
        var foreignLock = scenario.World.State?["lockedBy"]?.GetValue<string>();
        var violations = new List<string>();
        SimulatedWorld world;
        SimulatedWorld.ExecutionRecord first;
        StepInvariants steps;
        try
        {
            var stack = fixture.App.Stack(scenario.Environment, scenario.Settings);
            world = new SimulatedWorld(_ownEngine ?? fixture.Engine, stack, scenario);
            steps = StepInvariants.Attach(world, foreignLock);
            first = world.RunScenario();
        }
        catch (Exception e)
        {
            if (e is RehearsalException)
            {
                // The engine process may be unusable now: later cases (and the shrinking) get a fresh one.
                _ownEngine?.Dispose();
                _ownEngine = RehearsalEngine.Start(Repository.Root);
            }

            violations.Add($"the rehearsal threw {e.GetType().Name}: {e.Message}");
            return (violations, "exception");
        }

        if (first.Result is null)
        {
            violations.Add($"{first.Name} did not end");
            return (violations, "no result");
        }

        violations.AddRange(Invariants.Check(world, first, foreignLock));
        violations.AddRange(steps.Violations);
        if (recordTallies)
        {
            foreach (var stopped in world.Executions.Where(e => e.Result is { Stopped: true }))
            {
                Count(_recoveries, $"{stopped.Machine} {stopped.Result!.StatusName} -> "
                    + (world.RecoveryOf(stopped.Arn) is { } recovery ? Expectations.RecoveryOutcome(recovery) : "no recovery"));
            }
        }

        foreach (var execution in world.Executions.Where(e => e.Machine != "HealthProbe" && e.Result is not null))
        {
            var report = RehearsalReport.For(execution.Name, world, execution);
            if (report.StatesBeforeRestore is not { } states)
            {
                continue;
            }

            if (recordTallies)
            {
                Count(_restores, $"{execution.Machine} after {report.Detection}");
            }

            if (states > MaxStatesBeforeRestore || report.LambdasBeforeRestore != 0)
            {
                violations.Add($"{execution.Name} ({execution.Machine}) restored the weights {states} states and {report.LambdasBeforeRestore} Lambda invocations after {report.Detection} (at most {MaxStatesBeforeRestore} states and no Lambda)");
            }
        }

        var outcome = ScenarioGenerators.Outcome(first);
        if (recordTallies)
        {
            Count(_outcomes, outcome);
        }

        return (violations, outcome);
    }

    /// <summary>Explore mode: for each kind of violation, the simplest case found, shrunk further while it keeps that kind.</summary>
    private List<Failure> MinimizeEachKind()
    {
        var minimized = new List<Failure>();
        foreach (var (kind, found) in _byKind.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var current = found.MinBy(f => f.Case.Faults.Count + f.Case.Timeline.Count)!;
            var budget = MinimizeBudget;
            var improved = true;
            while (improved && budget > 0)
            {
                improved = false;
                foreach (var candidate in ScenarioGenerators.Shrink(current.Case))
                {
                    if (--budget < 0)
                    {
                        break;
                    }

                    var (violations, outcome) = Rehearse(candidate, recordTallies: false);
                    if (violations.Any(v => Kind(v) == kind))
                    {
                        current = new Failure(candidate, violations, outcome);
                        improved = true;
                        break;
                    }
                }
            }

            output.WriteLine($"kind seen in {found.Count} case(s): {kind}");
            minimized.Add(current);
        }

        return minimized;
    }

    /// <summary>A violation without execution numbers, so that the same flaw in different cases has the same kind.</summary>
    private static string Kind(string violation) => ExecutionName().Replace(violation, "$1-n");

    [GeneratedRegex(@"\b(deploy|rollback|healthprobe|recovery)-\d+\b")]
    private static partial Regex ExecutionName();

    private void Summarize(TimeSpan elapsed)
    {
        var seconds = _caseSeconds.Order().ToList();
        var median = seconds.Count == 0 ? 0 : seconds[seconds.Count / 2];
        output.WriteLine(FormattableString.Invariant(
            $"{_cases} cases, {_rehearsals} rehearsals (shrinking included) in {elapsed.TotalSeconds:0.0} s; per case: median {median:0.00} s, max {(seconds.Count == 0 ? 0 : seconds[^1]):0.00} s, sum {seconds.Sum():0.0} s"));
        output.WriteLine("first execution outcomes: " + Tally(_outcomes));
        output.WriteLine("traffic restored by: " + (_restores.Count == 0 ? "none" : Tally(_restores)));
        output.WriteLine("stopped executions and their recovery: " + (_recoveries.Count == 0 ? "none" : Tally(_recoveries)));
    }

    private string Report(CapturingRunner runner, List<Failure> failures, string replay)
    {
        var lines = new List<string>();
        if (!_exploring)
        {
            // FsCheck's verdict without its copy of the cases (printed below as JSON, with the violations).
            lines.AddRange((runner.Message ?? "FsCheck reported no result.").Split('\n').TakeWhile(l => !l.StartsWith("Original:", StringComparison.Ordinal)).Select(l => l.TrimEnd()));
        }

        lines.Add(_exploring
            ? $"{_byKind.Values.SelectMany(f => f).Distinct().Count()} of {_cases} cases violate the property, {failures.Count} kind(s):"
            : "Shrunk counterexample:");
        foreach (var failure in failures)
        {
            lines.Add($"{Save(failure)} (first execution {failure.Outcome}):");
            lines.AddRange(failure.Violations.Select(v => "  - " + v));
            lines.Add("  " + failure.Case);
        }

        if (!_exploring && _firstFailure is { } original && !ReferenceEquals(original, _lastFailure))
        {
            lines.Add($"Original counterexample (first execution {original.Outcome}):");
            lines.AddRange(original.Violations.Select(v => "  - " + v));
            lines.Add("  " + original.Case);
        }

        lines.Add($"Replay: {replay}");
        return string.Join(System.Environment.NewLine, lines);
    }

    /// <summary>Saves the failing case as the next free &lt;n&gt;.json, with the observed outcome as its expectation.</summary>
    private static string Save(Failure failure)
    {
        var folder = System.Environment.GetEnvironmentVariable("PROPERTY_FAILURES_DIR") is { Length: > 0 } configured ? configured : "/tmp/property-failures";
        Directory.CreateDirectory(folder);
        var scenario = failure.Case.ToScenario();
        var space = failure.Outcome.IndexOf(' ', StringComparison.Ordinal);
        var status = space < 0 ? failure.Outcome : failure.Outcome[..space];
        var error = space < 0 || failure.Outcome[(space + 1)..] is not { Length: > 0 } named ? null : named;
        scenario = scenario with
        {
            Description = scenario.Description + " Violates: " + string.Join(" | ", failure.Violations),
            Expect = new Expectation { Status = status, Error = error },
        };
        for (var i = 1; ; i++)
        {
            var path = Path.Combine(folder, i.ToString(CultureInfo.InvariantCulture) + ".json");
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                using var writer = new StreamWriter(stream);
                writer.Write(ScenarioJson.File(scenario));
                return path;
            }
            catch (IOException) when (System.IO.File.Exists(path))
            {
                // Taken by an earlier failure: try the next number.
            }
        }
    }

    /// <summary>PROPERTY_SEED ("seed" or "seed,gamma", parentheses allowed) or a fresh random seed.</summary>
    private static (ulong Seed, ulong Gamma) Seed()
    {
        var text = System.Environment.GetEnvironmentVariable("PROPERTY_SEED");
        if (string.IsNullOrWhiteSpace(text))
        {
            var fresh = new Rnd(BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)));
            return (fresh.Seed, fresh.Gamma);
        }

        var parts = text.Trim().Trim('(', ')').Split(',', StringSplitOptions.TrimEntries);
        var seed = ulong.Parse(parts[0], CultureInfo.InvariantCulture);
        return parts.Length > 1
            ? (seed, ulong.Parse(parts[1], CultureInfo.InvariantCulture))
            : (seed, new Rnd(seed).Gamma);
    }

    private static void Count(Dictionary<string, int> tally, string key) => tally[key] = tally.GetValueOrDefault(key) + 1;

    private static string Tally(Dictionary<string, int> tally) =>
        string.Join(", ", tally.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key} {t.Value}"));

    private sealed record Failure(PropertyCase Case, List<string> Violations, string Outcome);

    /// <summary>Records FsCheck's verdict instead of printing it to the console.</summary>
    private sealed class CapturingRunner : IRunner
    {
        public bool Passed { get; private set; }

        public string? Message { get; private set; }

        public void OnStartFixture(Type t)
        {
        }

        public void OnArguments(int ntest, FSharpList<object> args, FSharpFunc<int, FSharpFunc<FSharpList<object>, string>> every)
        {
        }

        public void OnShrink(FSharpList<object> args, FSharpFunc<FSharpList<object>, string> everyShrink)
        {
        }

        public void OnFinished(string name, TestResult testResult)
        {
            Passed = testResult.IsPassed;
            Message = Runner.onFinishedToString(name, testResult);
        }
    }
}
