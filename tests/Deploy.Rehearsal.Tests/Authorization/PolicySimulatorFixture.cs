using Deploy.Rehearsal.Authorization;

namespace Deploy.Rehearsal.Tests.Authorization;

/// <summary>One evaluator process for the evaluator and mapping tests.</summary>
public sealed class PolicySimulatorFixture : IDisposable
{
    public PolicySimulator Simulator { get; } = new(Repository.Root);

    public void Dispose() => Simulator.Dispose();
}
