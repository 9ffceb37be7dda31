using Deploy.Rehearsal.Simulation;
using Xunit.Abstractions;

namespace Deploy.Rehearsal.Tests.Simulation;

[Collection(nameof(ScenarioCollection))]
public class ScenarioTests(ScenarioFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(ScenarioFixture.ScenarioDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Run_ScenarioFile_EndsAsExpectedAndKeepsTheInvariants(string name)
    {
        // Arrange
        var scenario = Scenario.Load(Path.Combine(ScenarioFixture.ScenarioDirectory, name + ".json"));
        var foreignLock = scenario.World.State?["lockedBy"]?.GetValue<string>();

        // Act
        var (_, world, first) = fixture.Run(scenario, out var steps);

        // Assert
        var report = RehearsalReport.For(name, world, first);
        output.WriteLine(report.ToString());
        if (first.Result!.Stopped)
        {
            var weights = first.WeightsAtEnd is { } w ? $"blue {w["blue"]} / green {w["green"]}" : "unknown";
            output.WriteLine($"  stopped {(first.EndedAt - first.StartedAt).TotalSeconds:0} s after its start, in {Expectations.LastStateEntered(first.Result)}, weights {weights}");
        }

        foreach (var execution in world.Executions.Where(e => e != first && e.Machine != "HealthProbe"))
        {
            output.WriteLine("  then " + RehearsalReport.For(execution.Name, world, execution));
        }

        output.WriteLine("  notifications: " + string.Join(", ", world.Notifications.Select(n => n.Event)));
        foreach (var change in world.AlarmHistory)
        {
            output.WriteLine($"  alarm {change.At:HH:mm:ss} {change.AlarmName}: {change.From} -> {change.To}");
        }

        var iam = fixture.Engine.PolicySimulator;
        output.WriteLine($"  IAM: {world.Denials.Count} calls denied; evaluator so far: {iam.Evaluations} requests evaluated, {iam.CacheHits} answered from its cache");
        var mismatches = Expectations.Check(scenario, world, first);
        Assert.True(mismatches.Count == 0, "not as expected: " + string.Join("; ", mismatches));
        var violations = Invariants.Check(world, first, foreignLock);
        Assert.True(violations.Count == 0, "invariants violated: " + string.Join("; ", violations));
        Assert.True(steps.Violations.Count == 0, "invariants violated during the run: " + string.Join("; ", steps.Violations));
        if (report.StatesBeforeRestore is { } states)
        {
            Assert.True(states <= 2, $"{states} states between detection and restored weights");
            Assert.Equal(0, report.LambdasBeforeRestore);
        }
    }
}
