using Deploy.Rehearsal.Simulation;
using Deploy.Rehearsal.Tests.TestSupport;

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
        var stack = MutatedStack.WithDeployState(fixture.App.Stack(scenario.Environment, scenario.Settings), Approval, state => state["HeartbeatSeconds"] = 90);
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
    public void Run_HealthProbeChildSlowerThanTheProbeTimeout_ProbeTimesOutAtItsDeadlineAndTheChildIsAborted()
    {
        // Arrange: every DescribeTargetHealth of the child goes unanswered for 30 s; the probe task's timeout is cut to 15 s
        // under the HealthProbe state machine's own timeout, so the task's deadline comes first (one attempt of 30 s, a 1 s
        // pause, then the second attempt is cut off).
        var scenario = Load("canary-healthy") with
        {
            Faults = [new Fault { Api = "describeTargetHealth", Kind = "timeout", Count = 0 }],
            Expect = new Expectation(),
        };
        var synthesized = fixture.App.Stack(scenario.Environment, scenario.Settings);
        var machineTimeout = synthesized.HealthProbe.Definition["TimeoutSeconds"]?.GetValue<int>() ?? 99999999;
        var taskTimeout = Math.Min(machineTimeout - 15, 120);
        Assert.True(taskTimeout > 31, $"the HealthProbe timeout ({machineTimeout} s) leaves no room for one attempt and a pause");
        var stack = MutatedStack.WithDeployState(synthesized, Probe, state => state["TimeoutSeconds"] = taskTimeout);
        var world = new SimulatedWorld(fixture.Engine, stack, scenario);
        var attempts = Watch(world, Probe);
        var children = new List<SimulatedWorld.ExecutionRecord>();
        world.ExecutionEnded += e => { if (e.Machine == "HealthProbe") children.Add(e); };

        // Act
        world.RunScenario();

        // Assert
        var (started, ended, call, outcome) = attempts[0];
        Assert.Equal(taskTimeout, call.TimeoutSeconds);
        Assert.Equal("States.Timeout", outcome.Error);
        Assert.Equal(TimeSpan.FromSeconds(taskTimeout), ended - started);
        // Step Functions stops the child of a .sync task that timed out: ABORTED, as StopExecution ends it.
        Assert.Equal(ExecutionStatus.Aborted, children[0].Result!.Status);
        Assert.Equal("ABORTED", children[0].Result!.StatusName);
        Assert.Equal(ended, children[0].EndedAt);
        // The first attempt timed out after 30 s; the second, started after a 1 s pause, was cut off by the stop.
        var timedOut = world.CallLog.Where(c => c.Api == "elasticloadbalancingv2:describeTargetHealth" && c.At >= started && c.At < ended).ToList();
        Assert.Single(timedOut);
        Assert.All(timedOut, c => Assert.Equal("States.Timeout", c.Error));
    }

    [Fact]
    public void Run_DeploymentStoppedWhileItsHealthProbeRuns_ChildIsAbortedAtTheStopAndTheDeploymentEndsThere()
    {
        // Arrange: slow probes (every DescribeTargetHealth unanswered for 30 s); find when the first child starts, then stop
        // the deployment 10 s into that child.
        var slow = Load("canary-healthy") with
        {
            Faults = [new Fault { Api = "describeTargetHealth", Kind = "timeout", Count = 0 }],
            Expect = new Expectation(),
        };
        var stack = fixture.App.Stack(slow.Environment, slow.Settings);
        var probe = new SimulatedWorld(fixture.Engine, stack, slow);
        probe.RunScenario();
        var firstChild = probe.Executions.First(e => e.Machine == "HealthProbe").StartedAt;
        var stopAt = firstChild.AddSeconds(10);
        var scenario = slow with { Stops = [new StopRequest { AtSeconds = (stopAt - SimulatedWorld.Epoch).TotalSeconds, Machine = "Deploy" }] };
        var world = new SimulatedWorld(fixture.Engine, stack, scenario);

        // Act
        world.RunScenario();

        // Assert
        var deploy = world.Executions.First(e => e.Machine == "Deploy");
        var child = world.Executions.First(e => e.Machine == "HealthProbe");
        Assert.Equal(ExecutionStatus.Aborted, deploy.Result!.Status);
        Assert.Equal(stopAt, deploy.EndedAt);
        Assert.Equal(ExecutionStatus.Aborted, child.Result!.Status);
        Assert.Equal(stopAt, child.EndedAt);
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
}
