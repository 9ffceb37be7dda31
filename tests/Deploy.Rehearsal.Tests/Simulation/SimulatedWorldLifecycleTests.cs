using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation;

namespace Deploy.Rehearsal.Tests.Simulation;

/// <summary>
/// Instances over time (SimulatedWorld.Lifecycle.cs): launch, boot, registration, health checks with the synthesized
/// target group's timing, the default termination policy, draining and termination. A one-state machine standing in for
/// Rollback calls UpdateAutoScalingGroup with its input; the clock is then moved by hand.
/// </summary>
[Collection(nameof(ScenarioCollection))]
public class SimulatedWorldLifecycleTests(ScenarioFixture fixture)
{
    [Fact]
    public void TargetGroupHealth_SynthesizedStagingStack_ReadFromTheTemplate()
    {
        // Act
        var settings = fixture.App.Stack("staging", null).TargetGroupHealth;

        // Assert: BlueGreenFleet's defaults (interval 15 s, healthy 3, unhealthy 2, deregistration delay 30 s), not ELBv2's.
        Assert.Equal(new TargetGroupHealthSettings(15, 3, 2, 30), settings["blue"]);
        Assert.Equal(new TargetGroupHealthSettings(15, 3, 2, 30), settings["green"]);
    }

    [Fact]
    public void UpdateAutoScalingGroup_ScaleOut_PendingForBootThenInServiceAndHealthyAfterThresholdTimesInterval()
    {
        // Arrange: the app is up at boot, so only the boot (60 s) and the target group's 3 checks of 15 s count.
        var (world, stack) = World(new InstanceBehaviour { HealthyAfterSeconds = 0 });
        var t0 = world.Clock.UtcNow;

        // Act
        Run(world, stack, "green", desired: 2);

        // Assert
        var launched = world.Groups["green"].Instances;
        Assert.Equal(2, launched.Count);
        Assert.Equal(["us-east-1a", "us-east-1b"], launched.Select(i => i.AvailabilityZone).Order());
        Assert.All(launched, i => Assert.Equal("Pending", world.LifecycleStateOf(i)));
        Assert.Empty(world.TargetHealthOf("green"));
        At(world, t0, 60);
        Assert.All(launched, i => Assert.Equal("InService", world.LifecycleStateOf(i)));
        Assert.All(world.TargetHealthOf("green"), t => Assert.Equal("initial", t.State));
        At(world, t0, 104);
        Assert.All(world.TargetHealthOf("green"), t => Assert.Equal("initial", t.State));
        At(world, t0, 105);
        Assert.All(world.TargetHealthOf("green"), t => Assert.Equal("healthy", t.State));
    }

    [Fact]
    public void UpdateAutoScalingGroup_AppSlowerThanTheUnhealthyThreshold_TargetUnhealthyBeforeItTurnsHealthy()
    {
        // Arrange: registered at 60 s; checks at 75 s and 90 s fail (unhealthy), the app is up at 60 + 100 s,
        // checks at 165, 180 and 195 s pass: healthy at 195 s.
        var (world, stack) = World(new InstanceBehaviour { HealthyAfterSeconds = 100 });
        var t0 = world.Clock.UtcNow;

        // Act
        Run(world, stack, "green", desired: 1);

        // Assert
        At(world, t0, 89);
        Assert.Equal("initial", Assert.Single(world.TargetHealthOf("green")).State);
        At(world, t0, 90);
        Assert.Equal("unhealthy", Assert.Single(world.TargetHealthOf("green")).State);
        At(world, t0, 194);
        Assert.Equal("unhealthy", Assert.Single(world.TargetHealthOf("green")).State);
        At(world, t0, 195);
        Assert.Equal("healthy", Assert.Single(world.TargetHealthOf("green")).State);
    }

    [Fact]
    public void UpdateAutoScalingGroup_NewLaunchTemplateVersionOnly_RunningInstancesKeepTheirVersionAndNothingLaunches()
    {
        // Arrange
        var (world, stack) = World(new InstanceBehaviour());
        world.LaunchTemplates[2] = "new";
        var before = world.Groups["blue"].Instances.ToList();

        // Act
        Run(world, stack, "blue", desired: 2, version: "2");

        // Assert
        Assert.Equal("2", world.Groups["blue"].LaunchTemplateVersion);
        Assert.Equal(before, world.Groups["blue"].Instances);
        Assert.All(world.Groups["blue"].Instances, i => Assert.Equal(1, i.LaunchTemplateVersion));
    }

    [Fact]
    public void UpdateAutoScalingGroup_ScaleIn_TerminatingDrainsForTheDeregistrationDelayThenLeavesTheGroup()
    {
        // Arrange: blue runs 2 instances (one per zone) since before the scenario.
        var (world, stack) = World(new InstanceBehaviour());
        var t0 = world.Clock.UtcNow;

        // Act
        Run(world, stack, "blue", desired: 0);

        // Assert: deregistration delay 30 s (template), then 60 s of shutdown.
        Assert.All(world.Groups["blue"].Instances, i => Assert.Equal("Terminating", world.LifecycleStateOf(i)));
        Assert.All(world.TargetHealthOf("blue"), t => Assert.Equal("draining", t.State));
        Assert.Empty(world.InServiceInstances("blue"));
        At(world, t0, 30);
        Assert.Empty(world.TargetHealthOf("blue"));
        Assert.Equal(2, world.Groups["blue"].Instances.Count);
        At(world, t0, 90);
        Assert.Empty(world.Groups["blue"].Instances);
    }

    [Fact]
    public void UpdateAutoScalingGroup_ScaleInByOne_TerminatesInTheBusiestZoneTheInstanceClosestToItsBillingHour()
    {
        // Arrange: blue has 2 old instances (zones a and b); 2 more launched at 10 min (zones a and b) give zone a 2, b 2;
        // desired 3 then takes from either zone the instance closest to its next billing hour: an old one (60 min 10 s in
        // is 10 s into its hour, the new ones 10 s into theirs too: a tie, broken by the lowest id).
        var (world, stack) = World(new InstanceBehaviour());
        var t0 = world.Clock.UtcNow;
        At(world, t0, 600);
        Run(world, stack, "blue", desired: 4);
        At(world, t0, 1200);
        var ids = world.Groups["blue"].Instances.Select(i => i.Id).Order(StringComparer.Ordinal).ToList();

        // Act
        Run(world, stack, "blue", desired: 3);

        // Assert: the new ones have run 600 s (10 min into their hour), the old ones 3,600 + 1,200 s (20 min into theirs).
        var terminating = Assert.Single(world.Groups["blue"].Instances, i => i.TerminatingAt is not null);
        Assert.True(terminating.PreExisting);
        Assert.Equal(ids.First(id => world.Groups["blue"].Instances.Single(i => i.Id == id).PreExisting), terminating.Id);
    }

    private static void At(SimulatedWorld world, DateTimeOffset start, double seconds) => world.AdvanceTo(start.AddSeconds(seconds));

    private static void Run(SimulatedWorld world, RehearsalStack stack, string color, int desired, string? version = null)
    {
        var input = new JsonObject { ["name"] = stack.GroupName[color], ["desired"] = desired };
        if (version is not null)
        {
            input["launchTemplate"] = new JsonObject { ["LaunchTemplateId"] = stack.LaunchTemplateId, ["Version"] = version };
        }

        var execution = world.RunExecution("Rollback", input, "test");
        Assert.True(execution.Result!.Succeeded, execution.Result.Cause);
    }

    /// <summary>A world (blue live with 2 instances, green empty) whose Rollback machine is one UpdateAutoScalingGroup task.</summary>
    private (SimulatedWorld World, RehearsalStack Stack) World(InstanceBehaviour newInstances)
    {
        var real = fixture.App.Stack("staging", null);
        var definition = JsonNode.Parse("""
            {
              "StartAt": "HasTemplate",
              "States": {
                "HasTemplate": { "Type": "Choice", "Choices": [ { "Variable": "$.launchTemplate", "IsPresent": true, "Next": "Pin" } ], "Default": "Resize" },
                "Resize": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:::aws-sdk:autoscaling:updateAutoScalingGroup",
                  "Parameters": { "AutoScalingGroupName.$": "$.name", "MinSize": 0, "DesiredCapacity.$": "$.desired" },
                  "TimeoutSeconds": 30,
                  "End": true
                },
                "Pin": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:::aws-sdk:autoscaling:updateAutoScalingGroup",
                  "Parameters": { "AutoScalingGroupName.$": "$.name", "LaunchTemplate.$": "$.launchTemplate", "DesiredCapacity.$": "$.desired" },
                  "TimeoutSeconds": 30,
                  "End": true
                }
              }
            }
            """)!.AsObject();
        var rollback = real.Rollback with { Definition = definition };
        var stack = new RehearsalStack(new Dictionary<string, ResolvedStateMachine>
        {
            [real.Deploy.LogicalId] = real.Deploy,
            [rollback.LogicalId] = rollback,
            [real.HealthProbe.LogicalId] = real.HealthProbe,
        }, real.Policies) { TargetGroupHealth = real.TargetGroupHealth };
        // The groups launch version 1 (labelled old): the behaviour applies to both labels.
        var scenario = new Scenario { Machine = "Rollback", Health = new() { ["old"] = newInstances, ["new"] = newInstances } };
        return (new SimulatedWorld(fixture.Engine, stack, scenario) { Authorize = false }, stack);
    }
}
