using System.Text.Json.Nodes;
using Deploy.Cli.Pipeline;

namespace Deploy.Cli.Tests.Pipeline;

public class ExecutionInsightTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static HistoryEvent Event(long id, string type, string state, JsonNode? output) => new(id, T0.AddSeconds(id), type, state, new JsonObject
    {
        [type == "PassStateEntered" || type == "TaskStateEntered" ? "stateEnteredEventDetails" : "stateExitedEventDetails"] =
            new JsonObject { ["name"] = state, ["output"] = output?.ToJsonString() },
    });

    [Fact]
    public void From_RollbackThatRestoredNothing_HasNoWeightsAndDoesNotThrow()
    {
        // The Rollback's own output: "restored" is a boolean here, not the read-back object of a restore.
        var events = new[]
        {
            Event(1, "PassStateEntered", "NothingToRollBackTo", null),
            Event(2, "PassStateExited", "NothingToRollBackTo", new JsonObject { ["restored"] = false, ["reason"] = "the previous color is retired" }),
        };

        var insight = ExecutionInsight.From(events, new Dictionary<string, string>(), T0.AddMinutes(1));

        Assert.Empty(insight.Weights);
        Assert.Equal("NothingToRollBackTo", insight.CurrentState);
    }

    [Fact]
    public void From_RestoredReadBack_ReadsTheWeightsByColor()
    {
        var restored = new JsonObject
        {
            ["restored"] = new JsonObject
            {
                ["targetGroups"] = new JsonArray(
                    new JsonObject { ["TargetGroupArn"] = "tg-blue", ["Weight"] = 100 },
                    new JsonObject { ["TargetGroupArn"] = "tg-green", ["Weight"] = 0 }),
            },
        };
        var events = new[] { Event(1, "TaskStateEntered", "RestoreTraffic", null), Event(2, "TaskStateExited", "RestoreTraffic", restored) };

        var insight = ExecutionInsight.From(events, new Dictionary<string, string> { ["tg-blue"] = "blue", ["tg-green"] = "green" }, T0.AddMinutes(1));

        Assert.Equal(100, insight.Weights["blue"]);
        Assert.Equal(0, insight.Weights["green"]);
    }
}
