using System.Text.Json.Nodes;
using Deploy.Conformance.Tests.Replay;
using Xunit.Abstractions;

namespace Deploy.Conformance.Tests;

[Collection(nameof(ConformanceCollection))]
public class CoverageTests(ConformanceFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void Replay_CoreScenarios_ReplayEveryApiTheFlowsCallOnMoto()
    {
        // Arrange: every AWS API a Task of the synthesized machines names (Lambda tasks run the real handlers).
        var called = fixture.Calls.Where(c => ConformanceFixture.CoreScenarios.Contains(c.Key)).SelectMany(c => c.Value).ToList();
        var inDefinitions = fixture.DefinitionApis.Where(a => a != "lambda:invoke").ToHashSet(StringComparer.Ordinal);

        // Act
        var replayed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in ConformanceFixture.CoreScenarios)
        {
            var answers = fixture.Results[name]["answers"]!.AsArray();
            for (var i = 0; i < answers.Count; i++)
            {
                if (answers[i]!["skipped"] is null)
                {
                    var api = AnswerComparer.ApiOf(fixture.Calls[name][i].Resource);
                    replayed[api] = replayed.GetValueOrDefault(api) + 1;
                }
            }
        }

        // Assert
        var tableCalls = TableCases.All.Sum(t => t.Calls.Count);
        output.WriteLine($"rehearsal (scenarios + table cases): {fixture.RehearsalTime.TotalSeconds:F1} s; moto start, replay, stop: {fixture.ReplayTime.TotalSeconds:F1} s");
        output.WriteLine($"{ConformanceFixture.CoreScenarios.Count} scenarios: {called.Count} calls, {replayed.Values.Sum()} replayed on moto " +
            $"({called.Count(c => c.Api == "lambda:invoke")} Lambda, {called.Count(c => c.Injected)} injected faults skipped); {TableCases.All.Count} table cases: {tableCalls} calls");
        foreach (var (name, result) in fixture.Results.Where(r => ConformanceFixture.CoreScenarios.Contains(r.Key)))
        {
            output.WriteLine($"  {name}: {result["seconds"]} s on moto ({result["replaySeconds"]} s replaying {fixture.Replayed(name)} calls, the rest creating resources)");
        }

        output.WriteLine($"  table cases: {fixture.Results.Where(r => !ConformanceFixture.CoreScenarios.Contains(r.Key)).Sum(r => r.Value["seconds"]!.GetValue<double>()):F1} s on moto");
        foreach (var (api, count) in replayed.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {api}: {count}");
        }

        var missing = inDefinitions.Where(a => !replayed.ContainsKey(a)).ToList();
        Assert.True(missing.Count == 0, "APIs the flows call that no core scenario replays on moto: " + string.Join(", ", missing));
    }
}
