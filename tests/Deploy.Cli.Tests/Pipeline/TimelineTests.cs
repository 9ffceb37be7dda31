using System.Text.Json.Nodes;
using Deploy.Cli.Pipeline;

namespace Deploy.Cli.Tests.Pipeline;

public class TimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private const string Blue = "arn:tg/blue";
    private const string Green = "arn:tg/green";

    private static readonly DefinitionFacts Facts = new()
    {
        TargetGroupColors = new Dictionary<string, string> { [Blue] = "blue", [Green] = "green" },
        PhaseEntries = new Dictionary<string, string>
        {
            ["Validate"] = "validate", ["Grace"] = "grace", ["Health"] = "health", ["Traffic"] = "traffic", ["Back"] = "rollback",
        },
    };

    private sealed class Events
    {
        private long _id;

        public List<HistoryEvent> All { get; } = [];

        public Events Enter(string state, int atSeconds) => Add(atSeconds, "TaskStateEntered", state, new JsonObject { ["stateEnteredEventDetails"] = new JsonObject { ["name"] = state } });

        public Events Exit(string state, int atSeconds, JsonNode? output = null) => Add(atSeconds, "TaskStateExited", state, new JsonObject
        {
            ["stateExitedEventDetails"] = new JsonObject { ["name"] = state, ["output"] = output?.ToJsonString() },
        });

        private Events Add(int atSeconds, string type, string state, JsonObject raw)
        {
            All.Add(new HistoryEvent(++_id, T0.AddSeconds(atSeconds), type, state, raw));
            return this;
        }
    }

    private static JsonObject Weights(int blue, int green) => new()
    {
        ["weights"] = new JsonObject
        {
            ["targetGroups"] = new JsonArray(
                new JsonObject { ["TargetGroupArn"] = Blue, ["Weight"] = blue },
                new JsonObject { ["TargetGroupArn"] = Green, ["Weight"] = green }),
        },
    };

    private static JsonObject With(JsonObject data, string status, double elapsed, params string[] reasons)
    {
        data["verdict"] = new JsonObject { ["status"] = status, ["elapsedSeconds"] = elapsed, ["reasons"] = new JsonArray(reasons.Select(r => (JsonNode?)r).ToArray()) };
        return data;
    }

    private static ExecutionView Execution(string status, int? stopSeconds, string? error = null) =>
        new("arn:x", "d", status, T0, stopSeconds is { } s ? T0.AddSeconds(s) : null, Error: error);

    [Fact]
    public void From_RollbackDuringTheCanary_GivesEachPhaseItsDurationVerdictsWeightsAndTheError()
    {
        var events = new Events()
            .Enter("Route", 0).Exit("Route", 0)
            .Enter("Validate", 1).Exit("Validate", 2, new JsonObject { ["validation"] = new JsonObject { ["request"] = new JsonObject { ["trafficPlan"] = new JsonArray(10, 100) } } })
            .Enter("Grace", 2).Exit("Grace", 302, Weights(100, 0))
            .Enter("Health", 302).Exit("Probe", 303, With(Weights(100, 0), "Pending", 1)).Exit("Probe", 363, With(Weights(100, 0), "Healthy", 61))
            .Enter("Traffic", 363).Exit("Shift", 364, With(Weights(90, 10), "Healthy", 61))
            .Exit("Probe", 424, With(Weights(90, 10), "Unhealthy", 122, "5XX 40 a minute"))
            .Enter("Back", 425).Exit("Restore", 426, With(Weights(100, 0), "Unhealthy", 122, "5XX 40 a minute"));

        var timeline = Timeline.From(events.All, Facts, Execution("FAILED", 430, "Deploy.RolledBack"), T0.AddHours(1));

        Assert.Equal(new[] { "validate", "grace", "health", "traffic", "rollback" }, timeline.Select(t => t.Phase));
        // The states before the first declared phase belong to it.
        Assert.Equal(T0, timeline[0].Started);
        Assert.Equal(TimeSpan.FromSeconds(300), timeline[1].Duration);
        Assert.Equal(new Dictionary<string, int> { ["Healthy"] = 1, ["Pending"] = 1 }, timeline[2].Verdicts);
        var canary = timeline[3];
        Assert.Equal((1, 2), (canary.Step, canary.Steps));
        Assert.Equal(10, canary.Weights!["green"]);
        // The verdict carried along by the next state's data is not counted twice.
        Assert.Equal(new Dictionary<string, int> { ["Unhealthy"] = 1 }, canary.Verdicts);
        Assert.Equal(("Unhealthy", "5XX 40 a minute"), (canary.LastVerdict, canary.LastReasons.Single()));
        Assert.Equal(100, timeline[4].Weights!["blue"]);
        Assert.Equal("Deploy.RolledBack", timeline[4].Detail);
        Assert.Equal(TimeSpan.FromSeconds(5), timeline[4].Duration);
        Assert.All(timeline, t => Assert.False(t.Running));
        Assert.Contains(Timeline.Lines(timeline), l => l.Contains("traffic 1/2", StringComparison.Ordinal) && l.Contains("(last Unhealthy: 5XX 40 a minute)", StringComparison.Ordinal));
    }

    [Fact]
    public void From_WholeStateOutputsAsOnAws_TakesTheWeightsTheStateWroteNotARepairCarriedAlong()
    {
        // On AWS every StateExited carries the whole state: a split repair's readBack (100 % blue) stays in the data of
        // every later state, next to the weights each traffic step reads back.
        JsonObject State(int blue, int green)
        {
            var data = Weights(blue, green);
            data["readBack"] = Weights(100, 0)["weights"]!.DeepClone();
            return data;
        }

        var events = new Events()
            .Enter("Validate", 0).Exit("Validate", 1)
            .Enter("Repair", 1).Exit("Repair", 2, new JsonObject { ["readBack"] = Weights(100, 0)["weights"]!.DeepClone() })
            .Enter("Grace", 2).Exit("Grace", 301, State(100, 0))
            .Enter("Traffic", 301).Exit("Traffic", 301, State(100, 0))
            .Enter("Shift", 301).Exit("Shift", 302, State(90, 10)).Enter("Probe", 302).Exit("Probe", 362, State(90, 10))
            .Enter("Shift", 362).Exit("Shift", 363, State(0, 100)).Enter("Probe", 363).Exit("Probe", 423, State(0, 100));

        var timeline = Timeline.From(events.All, Facts, Execution("RUNNING", null), T0.AddSeconds(400));
        var insight = ExecutionInsight.From(events.All, Facts.TargetGroupColors, T0.AddSeconds(400));

        Assert.Equal(new[] { 10, 100 }, timeline.Where(t => t.Phase == "traffic").Select(t => t.Weights!["green"]));
        Assert.Equal(100, insight.Weights["green"]);
    }

    [Fact]
    public void From_ARunningDeployment_EndsItsLastPhaseNowAndMarksItRunning()
    {
        var events = new Events().Enter("Validate", 0).Exit("Validate", 1).Enter("Grace", 1);

        var timeline = Timeline.From(events.All, Facts, Execution("RUNNING", null), T0.AddSeconds(61));

        Assert.Equal(new[] { "validate", "grace" }, timeline.Select(t => t.Phase));
        Assert.True(timeline[1].Running);
        Assert.Equal(TimeSpan.FromSeconds(60), timeline[1].Duration);
        Assert.EndsWith("1m 00s+  grace", Timeline.Lines(timeline).Last(), StringComparison.Ordinal);
    }

    [Fact]
    public void From_AHistoryWithoutAPhasesFirstState_BeginsThePhaseAtAStateOnlyItReaches()
    {
        // A running execution's history on the local engine lists only Task and Wait states: the traffic phase's first
        // state (a Pass) is missing, its canary wait is there.
        var facts = Facts with { PhaseOfState = new Dictionary<string, string> { ["CanaryWait"] = "traffic", ["Ambiguous"] = "grace" } };
        var events = new Events().Enter("Validate", 0).Exit("Validate", 1).Enter("Grace", 1).Exit("Grace", 301).Enter("CanaryWait", 302);

        var timeline = Timeline.From(events.All, facts, Execution("RUNNING", null), T0.AddSeconds(400));

        Assert.Equal(new[] { "validate", "grace", "traffic" }, timeline.Select(t => t.Phase));
        Assert.Equal(T0.AddSeconds(302), timeline[2].Started);
    }

    [Fact]
    public void From_ADefinitionThatDeclaresNoPhases_IsEmpty()
    {
        var events = new Events().Enter("Validate", 0).Exit("Validate", 1);

        Assert.Empty(Timeline.From(events.All, Facts with { PhaseEntries = new Dictionary<string, string>() }, Execution("RUNNING", null), T0));
    }
}
