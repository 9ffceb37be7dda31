namespace Deploy.StepFunctions.Tests.TestSupport;

/// <summary>A clock stopped at one instant, so signatures are reproducible.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset SuiteDate = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;
}
