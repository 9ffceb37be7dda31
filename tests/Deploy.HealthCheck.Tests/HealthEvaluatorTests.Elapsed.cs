using Deploy.Contracts;
using static Deploy.HealthCheck.Tests.HealthInputs;

namespace Deploy.HealthCheck.Tests;

/// <summary>
/// The elapsed time a verdict carries: evaluatedAt − deploymentStartedAt in whole seconds, from the two Context object
/// times the HealthProbe passes; the handler reads no clock.
/// </summary>
public partial class HealthEvaluatorTests
{
    private const string UseTime = "use an ISO-8601 time with Z or an offset, as Step Functions writes $$.Execution.StartTime (for example 2026-01-01T10:00:00.000Z)";

    public static TheoryData<string, string, int> ElapsedCases => new()
    {
        // deploymentStartedAt, evaluatedAt, elapsed seconds
        { "2026-01-01T10:00:00.000Z", "2026-01-01T10:00:00.000Z", 0 },
        { "2026-01-01T10:00:00.000Z", "2026-01-01T10:42:07.512Z", 2527 },
        // Rounded down: 59.999 s is 59 whole seconds.
        { "2026-01-01T10:00:00.001Z", "2026-01-01T10:01:00.000Z", 59 },
        // Without a fraction, and with offsets: the same instants.
        { "2026-01-01T10:00:00Z", "2026-01-01T12:30:00+02:00", 1800 },
        { "2026-01-01T23:00:00-01:00", "2026-01-02T00:00:01Z", 1 },
        // Across a day, with an approval that waited an hour.
        { "2026-01-01T23:30:00.000Z", "2026-01-02T01:05:30.250Z", 5730 },
    };

    [Theory]
    [MemberData(nameof(ElapsedCases))]
    public void Evaluate_BothTimesGiven_ElapsedSecondsAreTheWholeSecondsBetween(string startedAt, string evaluatedAt, int expected)
    {
        // Arrange
        var before = Before("healthy,healthy") with { DeploymentStartedAt = startedAt, EvaluatedAt = evaluatedAt };
        var after = After("healthy,healthy", []) with { DeploymentStartedAt = startedAt, EvaluatedAt = evaluatedAt };

        // Act
        var verdicts = new[] { HealthEvaluator.Evaluate(before), HealthEvaluator.Evaluate(after) };

        // Assert
        Assert.All(verdicts, verdict =>
        {
            Assert.Null(verdict.Error);
            Assert.Equal(HealthStatus.Healthy, verdict.Status);
            Assert.Equal(expected, verdict.ElapsedSeconds);
        });
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("2026-01-01T10:00:00.000Z", null)]
    [InlineData(null, "2026-01-01T10:05:00.000Z")]
    public void Evaluate_ATimeMissing_ElapsedSecondsNullAndVerdictUnchanged(string? startedAt, string? evaluatedAt)
    {
        // Arrange: the CLI's health command probes without deploymentStartedAt.
        var input = Before("healthy,unhealthy") with { DeploymentStartedAt = startedAt, EvaluatedAt = evaluatedAt };

        // Act
        var verdict = HealthEvaluator.Evaluate(input);

        // Assert
        Assert.Null(verdict.Error);
        Assert.Null(verdict.ElapsedSeconds);
        Assert.Equal(HealthStatus.Unhealthy, verdict.Status);
        Assert.Equal(["healthy 1/2 (50.0%) below minimum 75%"], verdict.Reasons);
    }

    public static TheoryData<string?, string?, string[]> MalformedTimes => new()
    {
        // deploymentStartedAt, evaluatedAt, field messages
        { "yesterday", "2026-01-01T10:00:00.000Z", [$"deploymentStartedAt: \"yesterday\" is invalid; {UseTime}"] },
        { "2026-01-01T10:00:00.000Z", "", [$"evaluatedAt: \"\" is invalid; {UseTime}"] },
        // No zone: which instant it means is unknown.
        { "2026-01-01T10:00:00", "2026-01-01T10:05:00.000Z", [$"deploymentStartedAt: \"2026-01-01T10:00:00\" is invalid; {UseTime}"] },
        // Not ISO-8601, even though .NET could read it.
        { "2026-01-01T10:00:00.000Z", "01/01/2026 10:05:00", [$"evaluatedAt: \"01/01/2026 10:05:00\" is invalid; {UseTime}"] },
        { "2026-01-01", "2026-01-01T10:05:00.000Z", [$"deploymentStartedAt: \"2026-01-01\" is invalid; {UseTime}"] },
        { "2026-13-01T10:00:00Z", "2026-01-01T25:00:00Z",
            [$"deploymentStartedAt: \"2026-13-01T10:00:00Z\" is invalid; {UseTime}", $"evaluatedAt: \"2026-01-01T25:00:00Z\" is invalid; {UseTime}"] },
        // Unparsable without the other time: still malformed, not silently ignored.
        { "not a time", null, [$"deploymentStartedAt: \"not a time\" is invalid; {UseTime}"] },
        // Negative: a verdict cannot be taken before the deployment started.
        { "2026-01-01T10:00:00.000Z", "2026-01-01T09:59:59.999Z",
            ["evaluatedAt: \"2026-01-01T09:59:59.999Z\" is invalid; use a time from deploymentStartedAt (2026-01-01T10:00:00.000Z) to 366 days after it"] },
        { "2026-01-01T10:00:00Z", "2026-01-01T10:30:00+01:00",
            ["evaluatedAt: \"2026-01-01T10:30:00+01:00\" is invalid; use a time from deploymentStartedAt (2026-01-01T10:00:00Z) to 366 days after it"] },
        // Longer than any Standard execution runs (a year).
        { "2025-01-01T00:00:00Z", "2026-01-02T00:00:01Z",
            ["evaluatedAt: \"2026-01-02T00:00:01Z\" is invalid; use a time from deploymentStartedAt (2025-01-01T00:00:00Z) to 366 days after it"] },
    };

    [Theory]
    [MemberData(nameof(MalformedTimes))]
    public void Evaluate_MalformedOrNegativeTime_ReturnsMalformedInputNamingTheFieldAndValue(string? startedAt, string? evaluatedAt, string[] messages)
    {
        // Arrange
        var input = After("healthy,healthy", []) with { DeploymentStartedAt = startedAt, EvaluatedAt = evaluatedAt };

        // Act
        var verdict = HealthEvaluator.Evaluate(input);

        // Assert
        var error = Assert.IsType<DeployError>(verdict.Error);
        Assert.Equal(DeployErrors.MalformedInput, error.Name);
        Assert.Equal(messages, error.Fields.Select(f => f.Message));
        Assert.Equal($"The HealthCheck input is invalid: {string.Join("; ", messages)}", error.Cause);
        Assert.Equal(HealthStatus.Unhealthy, verdict.Status);
        Assert.Null(verdict.ElapsedSeconds);
    }

    [Fact]
    public void Evaluate_Exactly366Days_IsTheLongestAllowed()
    {
        // Arrange
        var input = Before("healthy") with { DeploymentStartedAt = "2027-01-01T00:00:00Z", EvaluatedAt = "2028-01-02T00:00:00Z" };

        // Act
        var verdict = HealthEvaluator.Evaluate(input);

        // Assert
        Assert.Null(verdict.Error);
        Assert.Equal(366 * 86400, verdict.ElapsedSeconds);
    }
}
