using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation;

namespace Deploy.Rehearsal.Tests.Simulation;

/// <summary>
/// Task TimeoutSeconds and HeartbeatSeconds in the simulated world (SimulatedWorld.Timeouts.cs): an answer later than the
/// deadline fails the attempt there, and the clock stops at the deadline.
/// </summary>
[Collection(nameof(ScenarioCollection))]
public class SimulatedWorldTimeoutTests(ScenarioFixture fixture)
{
    private const string Approval = "AwaitApproval";
    private const string Probe = "ProbeBeforeTraffic";

    [Fact]
    public void Run_ApprovalAnsweredAfterItsTimeout_TimesOutAtExactlyTheTimeoutAndTheRequestStaysPublished()
    {
        // Arrange
        var scenario = Load("approval-answered-after-timeout");
        var world = new SimulatedWorld(fixture.Engine, fixture.App.Stack(scenario.Environment, scenario.Settings), scenario);
        var attempts = Watch(world, Approval);

        // Act
        world.RunScenario();

        // Assert
        var (started, ended, call, outcome) = Assert.Single(attempts);
        Assert.Equal(300, call.TimeoutSeconds);
        Assert.Equal("States.Timeout", outcome.Error);
        Assert.Equal(TimeSpan.FromSeconds(300), ended - started);
        Assert.Contains(world.Notifications, n => n.Event == "AwaitingApproval" && n.At == started);
    }

    [Fact]
    public void Run_ApprovalNeverAnswered_TimesOutAfterTheConfiguredApprovalTimeout()
    {
        // Arrange
        var scenario = Load("approval-timed-out");
        var world = new SimulatedWorld(fixture.Engine, fixture.App.Stack(scenario.Environment, scenario.Settings), scenario);
        var attempts = Watch(world, Approval);

        // Act
        world.RunScenario();

        // Assert
        var (started, ended, _, outcome) = Assert.Single(attempts);
        Assert.Equal("States.Timeout", outcome.Error);
        Assert.Equal(TimeSpan.FromHours(1), ended - started);
    }

    [Fact]
    public void Run_ApprovalWithHeartbeatSecondsAndNoHeartbeat_FailsWithHeartbeatTimeoutWhenTheHeartbeatIsDue()
    {
        // Arrange
        var scenario = Load("approval-approved");
        var stack = WithDeployState(fixture.App.Stack(scenario.Environment, scenario.Settings), Approval, state => state["HeartbeatSeconds"] = 90);
        var world = new SimulatedWorld(fixture.Engine, stack, scenario);
        var attempts = Watch(world, Approval);

        // Act
        world.RunScenario();

        // Assert
        var (started, ended, call, outcome) = Assert.Single(attempts);
        Assert.Equal(90, call.HeartbeatSeconds);
        Assert.Equal("States.HeartbeatTimeout", outcome.Error);
        Assert.Equal(TimeSpan.FromSeconds(90), ended - started);
    }

    [Fact]
    public void Run_HealthProbeChildSlowerThanTheProbeTimeout_ProbeTimesOutAtItsDeadlineAndTheChildIsStopped()
    {
        // Arrange: every DescribeTargetHealth of the child goes unanswered: 4 attempts of 30 s plus pauses exceed the probe's 120 s.
        var scenario = Load("canary-healthy") with
        {
            Faults = [new Fault { Api = "describeTargetHealth", Kind = "timeout", Count = 0 }],
            Expect = new Expectation(),
        };
        var world = new SimulatedWorld(fixture.Engine, fixture.App.Stack(scenario.Environment, scenario.Settings), scenario);
        var attempts = Watch(world, Probe);
        var children = new List<SimulatedWorld.ExecutionRecord>();
        world.ExecutionEnded += e => { if (e.Machine == "HealthProbe") children.Add(e); };

        // Act
        world.RunScenario();

        // Assert
        var (started, ended, call, outcome) = attempts[0];
        Assert.Equal(120, call.TimeoutSeconds);
        Assert.Equal("States.Timeout", outcome.Error);
        Assert.Equal(TimeSpan.FromSeconds(120), ended - started);
        Assert.Equal("States.Timeout", children[0].Result!.Error);
        Assert.Equal(ended, children[0].EndedAt);
        // Three attempts timed out after 30 s each (with 1 s and 2 s pauses); the fourth, started at 97 s, was cut off by the stop.
        var timedOut = world.CallLog.Where(c => c.Api == "elasticloadbalancingv2:describeTargetHealth" && c.At >= started && c.At < ended).ToList();
        Assert.Equal(3, timedOut.Count);
        Assert.All(timedOut, c => Assert.Equal("States.Timeout", c.Error));
    }

    private static Scenario Load(string name) => Scenario.Load(Path.Combine(ScenarioFixture.ScenarioDirectory, name + ".json"));

    /// <summary>Every attempt of <paramref name="state"/>: when it started and ended in simulated time, the call and its outcome.</summary>
    private static List<(DateTimeOffset Started, DateTimeOffset Ended, TaskCall Call, TaskOutcome Outcome)> Watch(SimulatedWorld world, string state)
    {
        var attempts = new List<(DateTimeOffset, DateTimeOffset, TaskCall, TaskOutcome)>();
        var started = new Dictionary<int, DateTimeOffset>();
        world.TaskStarting = (_, call) => started[call.TaskId] = world.Clock.UtcNow.AddSeconds(call.RetryBackoffSeconds ?? 0);
        world.TaskAnswered = (_, call, outcome) =>
        {
            if (call.StateName == state)
            {
                attempts.Add((started[call.TaskId], world.Clock.UtcNow, call, outcome));
            }
        };
        return attempts;
    }

    private static RehearsalStack WithDeployState(RehearsalStack stack, string state, Action<JsonObject> mutate)
    {
        var definition = (JsonObject)stack.Deploy.Definition.DeepClone();
        mutate(definition["States"]![state]!.AsObject());
        var deploy = stack.Deploy with { Definition = definition };
        return new RehearsalStack(new Dictionary<string, ResolvedStateMachine>
        {
            [deploy.LogicalId] = deploy,
            [stack.Rollback.LogicalId] = stack.Rollback,
            [stack.HealthProbe.LogicalId] = stack.HealthProbe,
        }, stack.Policies);
    }
}
