namespace Deploy.Rehearsal.Tests.TestSupport;

/// <summary>
/// One engine process shared by the behaviour tests. Validation is off here (it costs 0.1-0.7 s per
/// distinct definition); <c>RehearsalEngineValidationTests</c> covers it with its own engine.
/// </summary>
public sealed class EngineFixture : IDisposable
{
    public RehearsalEngine Engine { get; } = RehearsalEngine.Start(Repository.Root, new RehearsalEngineOptions { ValidateDefinitions = false });

    public void Dispose() => Engine.Dispose();
}

/// <summary>The tests that share <see cref="EngineFixture"/> run one after another (the engine serves one thread).</summary>
[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "Rehearsal engine";
}
