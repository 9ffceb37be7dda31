using System.Diagnostics;
using System.Text.Json.Nodes;
using Deploy.Conformance.Tests.Replay;
using Deploy.Conformance.Tests.TestSupport;
using Deploy.Rehearsal;
using Deploy.Rehearsal.Simulation;

namespace Deploy.Conformance.Tests;

/// <summary>
/// Runs the core scenarios through the rehearsal (one engine, one synthesis per environment) and the targeted
/// DynamoDB cases through the world's table, collecting every call the world answered, while a moto server starts on
/// 127.0.0.1; then replays all of them with <c>harness/replay.py</c> in one python process, and stops the server.
/// </summary>
public sealed class ConformanceFixture
{
    /// <summary>
    /// The scenarios replayed: every API the flows call, two strategies, the approval path, both rollback paths (probe
    /// and alarm) with the retire refused after a rollback, the refused lock, split weights, and an injected
    /// AccessDenied (skipped on replay: AWS was not asked).
    /// </summary>
    public static readonly IReadOnlyList<string> CoreScenarios =
    [
        "allatonce-healthy",
        "canary-healthy",
        "approval-approved",
        "alarm-during-bake",
        "alarm-after-success-flips-back",
        "errors-after-shift-roll-back",
        "unhealthy-before-traffic",
        "concurrent-deployment-refused",
        "split-weights-repaired",
        "access-denied-during-rollback",
    ];

    public ConformanceFixture()
    {
        var clock = Stopwatch.StartNew();
        var cases = new JsonArray();
        // Fail at once, with a clear message, when python3, boto3 or moto are missing; then moto boots while the rehearsal runs.
        _ = Python.Executable;
        // Definitions are not validated here (Deploy.Rehearsal.Tests does that).
        var booting = Task.Run(MotoServer.Start);
        try
        {
            using (var engine = RehearsalEngine.Start(Repository.Root, new RehearsalEngineOptions { ValidateDefinitions = false }))
            {
                var app = new RehearsalApp(Repository.Root, SynthesizedApp.Shared);
                foreach (var name in CoreScenarios)
                {
                    var scenario = Scenario.Load(Path.Combine(Repository.Root, "tests", "scenarios", name + ".json"));
                    var stack = app.Stack(scenario.Environment, scenario.Settings);
                    var world = new SimulatedWorld(engine, stack, scenario);
                    var initial = ReplayCase.Initial(world);
                    world.RunScenario();
                    Calls[name] = [.. world.CallLog];
                    Readers.UnionWith(ResponseReaders.Names(stack));
                    DefinitionApis.UnionWith(TaskApis(stack));
                    cases.Add(ReplayCase.Scenario(name, stack, initial, world.CallLog));
                }
            }

            foreach (var table in TableCases.All)
            {
                Calls[table.Name] = TableWorld.Answer(table);
                cases.Add(ReplayCase.Table(table.Name, TableCase.TableName, table.Items, Calls[table.Name]));
            }
        }
        catch
        {
            // Never leave the server running when the rehearsal fails.
            try
            {
                if (booting.Wait(TimeSpan.FromSeconds(90)))
                {
                    booting.Result.Dispose();
                }
            }
            catch (AggregateException)
            {
                // moto did not start either; the rehearsal's exception is the one to report.
            }

            throw;
        }

        RehearsalTime = clock.Elapsed;
        clock.Restart();
        using (var moto = booting.GetAwaiter().GetResult())
        {
            var request = new JsonObject { ["endpoint"] = moto.Endpoint, ["cases"] = cases };
            var script = Path.Combine(Repository.Root, "tests", "Deploy.Conformance.Tests", "harness", "replay.py");
            string output;
            try
            {
                output = Python.Run(TimeSpan.FromMinutes(4), request.ToJsonString(), script);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                throw new InvalidOperationException($"{e.Message}\nmoto.server log: {moto.LogTail()}", e);
            }

            foreach (var result in JsonNode.Parse(output)!["cases"]!.AsArray().OfType<JsonObject>())
            {
                Results[result["name"]!.GetValue<string>()] = result;
            }
        }

        ReplayTime = clock.Elapsed;
        Accepted = AcceptedDifference.Load(Path.Combine(Repository.Root, "tests", "Deploy.Conformance.Tests", "AcceptedDifferences.json"));
    }

    /// <summary>The calls the world answered, by scenario or table case name.</summary>
    public Dictionary<string, List<WorldCall>> Calls { get; } = new(StringComparer.Ordinal);

    /// <summary>The harness's result by case name: <c>answers</c> (one per call) and <c>ids</c>, or <c>failure</c>.</summary>
    public Dictionary<string, JsonObject> Results { get; } = new(StringComparer.Ordinal);

    /// <summary>The response members the flows and handlers read.</summary>
    public HashSet<string> Readers { get; } = new(StringComparer.Ordinal);

    /// <summary>Every API a Task state of the synthesized machines calls (<see cref="AnswerComparer.ApiOf"/>).</summary>
    public HashSet<string> DefinitionApis { get; } = new(StringComparer.Ordinal);

    /// <summary>The accepted differences.</summary>
    public IReadOnlyList<AcceptedDifference> Accepted { get; }

    /// <summary>Time to run the scenarios and table cases in the world.</summary>
    public TimeSpan RehearsalTime { get; }

    /// <summary>Time to replay everything on moto and stop it (after the rehearsal; moto boots meanwhile).</summary>
    public TimeSpan ReplayTime { get; }

    /// <summary>Every difference of one case, with the call it was seen at.</summary>
    public List<Difference> Differences(string name)
    {
        var result = Results[name];
        if (result["failure"] is JsonNode failure)
        {
            throw new InvalidOperationException($"The harness could not replay {name}: {failure}");
        }

        var answers = result["answers"]!.AsArray();
        var calls = Calls[name];
        if (answers.Count != calls.Count)
        {
            throw new InvalidOperationException($"{name}: {calls.Count} calls but {answers.Count} answers.");
        }

        var differences = new List<Difference>();
        for (var i = 0; i < calls.Count; i++)
        {
            differences.AddRange(AnswerComparer.Compare(calls[i], answers[i]!.AsObject(), $"{name} #{i} {calls[i].Execution}/{calls[i].State}"));
        }

        return differences;
    }

    /// <summary>Every difference of every case.</summary>
    public IEnumerable<Difference> AllDifferences() => Results.Keys.SelectMany(Differences);

    private static IEnumerable<string> TaskApis(RehearsalStack stack)
    {
        IEnumerable<string> Resources(JsonNode? node) => node switch
        {
            JsonObject o => (o["Type"]?.GetValue<string>() == "Task" && o["Resource"] is JsonValue r ? [r.GetValue<string>()] : Enumerable.Empty<string>())
                .Concat(o.SelectMany(p => Resources(p.Value))),
            JsonArray a => a.SelectMany(Resources),
            _ => [],
        };

        return new[] { stack.Deploy.Definition, stack.Rollback.Definition, stack.HealthProbe.Definition }
            .SelectMany(Resources)
            .Select(r => stack.Functions.ContainsKey(r) ? "lambda:invoke" : AnswerComparer.ApiOf(r));
    }

    /// <summary>How many calls of a case moto answered (not skipped).</summary>
    public int Replayed(string name) => Results[name]["answers"]!.AsArray().Count(a => a!["skipped"] is null);
}

[CollectionDefinition(nameof(ConformanceCollection))]
public sealed class ConformanceCollection : ICollectionFixture<ConformanceFixture>
{
}
