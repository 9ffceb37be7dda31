using Deploy.Rehearsal.Simulation;
using Deploy.Rehearsal.Tests.TestSupport;

namespace Deploy.Rehearsal.Tests.Simulation;

/// <summary>One engine and one synthesis cache for every scenario of the run.</summary>
public sealed class ScenarioFixture : IDisposable
{
    public RehearsalEngine Engine { get; } = RehearsalEngine.Start(Repository.Root);

    public RehearsalApp App { get; } = new(Repository.Root);

    public static string ScenarioDirectory => Path.Combine(Repository.Root, "tests", "scenarios");

    public (Scenario Scenario, SimulatedWorld World, SimulatedWorld.ExecutionRecord First) Run(Scenario scenario)
    {
        var stack = App.Stack(scenario.Environment, scenario.Settings);
        var world = new SimulatedWorld(Engine, stack, scenario);
        return (scenario, world, world.RunScenario());
    }

    public void Dispose() => Engine.Dispose();
}

[CollectionDefinition(nameof(ScenarioCollection))]
public sealed class ScenarioCollection : ICollectionFixture<ScenarioFixture>
{
}
