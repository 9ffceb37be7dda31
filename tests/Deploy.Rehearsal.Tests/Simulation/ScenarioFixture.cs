using Deploy.Rehearsal.Simulation;

namespace Deploy.Rehearsal.Tests.Simulation;

/// <summary>One engine and one synthesis cache for every scenario of the run.</summary>
public sealed class ScenarioFixture : IDisposable
{
    public RehearsalEngine Engine { get; } = RehearsalEngine.Start(Repository.Root);

    /// <summary>The app, synthesized once per environment and settings for the whole run (shared with the conformance suite).</summary>
    public RehearsalApp App { get; } = new(Repository.Root, SynthesizedApp.Shared);

    public static string ScenarioDirectory => Path.Combine(Repository.Root, "tests", "scenarios");

    public (Scenario Scenario, SimulatedWorld World, SimulatedWorld.ExecutionRecord First) Run(Scenario scenario) =>
        Run(scenario, out _);

    /// <summary>Runs <paramref name="scenario"/> with the invariants checked at every simulated step.</summary>
    public (Scenario Scenario, SimulatedWorld World, SimulatedWorld.ExecutionRecord First) Run(Scenario scenario, out StepInvariants invariants)
    {
        var stack = App.Stack(scenario.Environment, scenario.Settings);
        var world = new SimulatedWorld(Engine, stack, scenario);
        invariants = StepInvariants.Attach(world, scenario.World.State?["lockedBy"]?.GetValue<string>());
        return (scenario, world, world.RunScenario());
    }

    public void Dispose() => Engine.Dispose();
}

[CollectionDefinition(nameof(ScenarioCollection))]
public sealed class ScenarioCollection : ICollectionFixture<ScenarioFixture>
{
}
