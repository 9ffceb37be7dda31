using Xunit.Abstractions;

namespace Deploy.Conformance.Tests;

[Collection(nameof(ConformanceCollection))]
public class TableReplayTests(ConformanceFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<TableCase> Tables() => new(TableCases.All);

    [Theory]
    [MemberData(nameof(Tables))]
    public void Replay_TableCase_WorldAndMotoAgree(TableCase table)
    {
        // Arrange
        var differences = fixture.Differences(table.Name);

        // Act
        var unexplained = differences.Where(d => !fixture.Accepted.Any(a => a.Accepts(d))).ToList();

        // Assert
        var answers = fixture.Results[table.Name]["answers"]!.AsArray();
        for (var i = 0; i < table.Calls.Count; i++)
        {
            var world = fixture.Calls[table.Name][i];
            output.WriteLine($"{table.Calls[i].Action} {table.Calls[i].Input.ToJsonString()}");
            output.WriteLine($"  world: {(world.Succeeded ? world.Output?.ToJsonString() : world.Error + ": " + world.Cause)}");
            output.WriteLine($"  moto:  {answers[i]!.ToJsonString()}");
        }

        Assert.True(unexplained.Count == 0, "the world and moto disagree:\n" + string.Join("\n", unexplained));
        var first = fixture.Calls[table.Name][0];
        Assert.Equal(table.Expected, first.Succeeded ? "succeeds" : first.Error);
    }
}
