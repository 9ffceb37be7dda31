namespace Deploy.Cli.Tests.TestSupport;

/// <summary>
/// The local engine seeded with <c>stuck-lock-world.json</c>: in every environment the lock is held by an execution of
/// production's Deploy that Step Functions does not know (as a lock written by hand during a repair would be).
/// </summary>
public sealed class StuckLockEngineFixture : LocalEngineFixture
{
    /// <summary>The holder the seed names.</summary>
    public const string Holder = "arn:aws:states:us-east-1:123456789012:execution:webapp-production-deploy:lost-v1-2-3";

    public StuckLockEngineFixture()
        : base(Path.Combine(Repository.Root, "tests", "Deploy.Cli.Tests", "TestSupport", "stuck-lock-world.json"))
    {
    }
}
