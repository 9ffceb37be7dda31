using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation;
using Deploy.Rehearsal.Tests.TestSupport;

namespace Deploy.Rehearsal.Tests.Simulation;

/// <summary>
/// The step invariant "a deployment grows a color's weight only while all its targets are healthy, or on its own
/// probe's reading that showed them all healthy after its last pause" refuses the flows that would move traffic on
/// no evidence or on old evidence: the synthesized Deploy definition with one route changed, rehearsed on a scenario
/// file whose targets fail.
/// </summary>
[Collection(nameof(ScenarioCollection))]
public sealed class TrafficEvidenceTests(ScenarioFixture fixture)
{
    [Fact]
    public void Run_DeployThatSkipsTheProbeAfterApproval_ViolatesWithTheReadingBeforeThePause()
    {
        // Arrange: the probe after the approval does nothing (a Pass keeps the verdict read before the approval).
        var scenario = Load("health-lost-during-approval");
        var stack = Mutated(scenario, states => states["ProbeAfterApproval"] = new JsonObject { ["Type"] = "Pass", ["Next"] = "StillHealthyAfterApproval" });

        // Act
        var violations = Rehearse(stack, scenario);

        // Assert: the last reading is the probe before traffic at 00:02:00, the end of the 2-minute grace period: green's
        // instances boot for 60 s (the scenario's default boot time), and with the template's health checks (every 15 s,
        // healthy after 3 passes) its targets are healthy 45 s later, at 00:01:45, so that first probe reads Healthy and
        // the approval is asked for then. The approval comes 555 s later: the pause ends at 00:11:15, after the targets
        // failed at 00:04:00, and the shift follows at once on the reading of 00:02:00.
        Assert.True(violations.Exists(v => v.Contains("/ShiftTrafficToGreen: green's traffic share grew to 100 %", StringComparison.Ordinal)
            && v.EndsWith("while not all of its targets were healthy, and its last reading of them (00:02:00) came before its pause that ended at 00:11:15", StringComparison.Ordinal)),
            string.Join("; ", violations));
    }

    [Fact]
    public void Run_DeployThatShiftsWhateverTheVerdict_ViolatesWithTheReadingThatWasNotHealthy()
    {
        // Arrange: the first verdict's Choice takes the Healthy branch whatever the verdict (its other branches stay
        // reachable, as CreateStateMachine requires).
        var scenario = Load("unhealthy-before-traffic");
        var stack = Mutated(scenario, states =>
        {
            var healthy = states["IdleColorHealthy"]!["Choices"]!.AsArray().OfType<JsonObject>().Single(c => (string?)c["StringEquals"] == "Healthy");
            healthy.Remove("StringEquals");
            healthy["IsPresent"] = true;
        });

        // Act
        var violations = Rehearse(stack, scenario);

        // Assert
        Assert.True(violations.Exists(v => v.EndsWith("/ShiftTrafficToGreen: green's traffic share grew to 10 % (weight 10) while not all of its targets were "
            + "healthy, and its last health probe's reading of them (00:05:00) did not show them all healthy", StringComparison.Ordinal)),
            string.Join("; ", violations));
    }

    [Fact]
    public void Run_TargetsFailBetweenAFreshHealthyReadingAndTheShift_NoViolation()
    {
        // Arrange
        var scenario = Load("targets-fail-between-probe-and-shift");

        // Act
        var (_, world, first) = fixture.Run(scenario, out var steps);

        // Assert: the shift happened onto failed targets, on the probe's reading a second earlier, and was undone.
        Assert.Empty(steps.Violations);
        var shift = Assert.Single(world.WeightChanges, c => c.State == "ShiftTrafficToGreen");
        Assert.Equal(TimeSpan.FromSeconds(301), shift.At - first.StartedAt);
        Assert.Equal(ExecutionStatus.Failed, first.Result!.Status);
        Assert.Equal(100, world.Weights["blue"]);
    }

    private static Scenario Load(string name) => Scenario.Load(Path.Combine(ScenarioFixture.ScenarioDirectory, name + ".json"));

    private List<string> Rehearse(RehearsalStack stack, Scenario scenario)
    {
        var world = new SimulatedWorld(fixture.Engine, stack, scenario);
        var steps = StepInvariants.Attach(world);
        world.RunScenario();
        return steps.Violations.ToList();
    }

    /// <summary>The stack of <paramref name="scenario"/> with its Deploy definition's States changed by <paramref name="mutate"/>.</summary>
    private RehearsalStack Mutated(Scenario scenario, Action<JsonObject> mutate) =>
        MutatedStack.WithDeployStates(fixture.App.Stack(scenario.Environment, scenario.Settings), mutate);
}
