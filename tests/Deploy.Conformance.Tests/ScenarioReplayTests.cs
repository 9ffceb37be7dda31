using Deploy.Conformance.Tests.Replay;
using Xunit.Abstractions;

namespace Deploy.Conformance.Tests;

[Collection(nameof(ConformanceCollection))]
public class ScenarioReplayTests(ConformanceFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<string> Scenarios() => new(ConformanceFixture.CoreScenarios);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Replay_ScenarioCalls_AgreeWithMotoBeyondTheAcceptedDifferences(string scenario)
    {
        // Arrange
        var differences = fixture.Differences(scenario);

        // Act
        var unexplained = differences.Where(d => !fixture.Accepted.Any(a => a.Accepts(d))).ToList();

        // Assert
        output.WriteLine($"{scenario}: {fixture.Calls[scenario].Count} calls, {fixture.Replayed(scenario)} replayed on moto, {differences.Count} differences ({unexplained.Count} unexplained)");
        foreach (var group in differences.GroupBy(d => d.Key))
        {
            output.WriteLine($"  {(unexplained.Any(u => u.Key == group.Key) ? "UNEXPLAINED" : "accepted")} ×{group.Count()} {group.First()}");
        }

        Assert.True(unexplained.Count == 0, "differences from moto not in AcceptedDifferences.json:\n" + string.Join("\n", unexplained.DistinctBy(d => d.Key)));
    }
}
