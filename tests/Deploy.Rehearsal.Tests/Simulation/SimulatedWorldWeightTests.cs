using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation;

namespace Deploy.Rehearsal.Tests.Simulation;

/// <summary>
/// ModifyRule forward weights as ELBv2 takes them: each 0–999, relative (TargetGroupTuple; ALB guide, forward actions).
/// A one-state machine standing in for Rollback calls ModifyRule with the given weights.
/// </summary>
[Collection(nameof(ScenarioCollection))]
public class SimulatedWorldWeightTests(ScenarioFixture fixture)
{
    [Theory]
    [InlineData(3, 1, 0.75, 900.0, 300.0)]
    [InlineData(999, 999, 0.5, 600.0, 600.0)]
    [InlineData(0, 7, 0.0, 0.0, 1200.0)]
    public void ModifyRule_RelativeWeightsNotSummingTo100_AcceptedAndTrafficSplitByShare(int blue, int green, double blueShare, double blueRequests, double greenRequests)
    {
        // Arrange
        var (world, stack) = World();

        // Act
        var execution = world.RunExecution("Rollback", Forward((stack.TargetGroupArn["blue"], blue), (stack.TargetGroupArn["green"], green)), "test");

        // Assert
        Assert.True(execution.Result!.Succeeded, execution.Result.Cause);
        Assert.Equal(blue, world.Weights["blue"]);
        Assert.Equal(green, world.Weights["green"]);
        Assert.Equal(blueShare, world.TrafficShare("blue"), 3);
        Assert.Equal(1 - blueShare, world.TrafficShare("green"), 3);
        Assert.Equal(blueRequests, world.MetricHistory("blue")[^1].RequestsPerMinute, 3);
        Assert.Equal(greenRequests, world.MetricHistory("green")[^1].RequestsPerMinute, 3);
    }

    [Fact]
    public void ModifyRule_AllWeightsZero_AcceptedAndNoColorServes()
    {
        // Arrange
        var (world, stack) = World();

        // Act
        var execution = world.RunExecution("Rollback", Forward((stack.TargetGroupArn["blue"], 0), (stack.TargetGroupArn["green"], 0)), "test");

        // Assert
        Assert.True(execution.Result!.Succeeded, execution.Result.Cause);
        Assert.Equal(0, world.TrafficShare("blue"));
        Assert.Equal(0, world.TrafficShare("green"));
        Assert.Null(TrafficShares.AllOn(world.Weights));
        Assert.False(world.MetricHistory("blue")[^1].Serving);
    }

    [Fact]
    public void ModifyRule_OneTargetGroupWithoutWeight_AllTrafficOnIt()
    {
        // Arrange
        var (world, stack) = World();

        // Act
        var execution = world.RunExecution("Rollback", Forward((stack.TargetGroupArn["green"], null)), "test");

        // Assert
        Assert.True(execution.Result!.Succeeded, execution.Result.Cause);
        Assert.Equal("green", TrafficShares.AllOn(world.Weights));
        Assert.Equal(0, world.Weights["blue"]);
    }

    [Theory]
    [InlineData(1000, 0)]
    [InlineData(-1, 100)]
    public void ModifyRule_WeightOutside0To999_ValidationErrorAndWeightsUnchanged(int blue, int green)
    {
        // Arrange
        var (world, stack) = World();

        // Act
        var execution = world.RunExecution("Rollback", Forward((stack.TargetGroupArn["blue"], blue), (stack.TargetGroupArn["green"], green)), "test");

        // Assert
        Assert.Equal("ElasticLoadBalancingV2.ElasticLoadBalancingV2Exception", execution.Result!.Error);
        Assert.Contains("Error Code: ValidationError", execution.Result.Cause, StringComparison.Ordinal);
        Assert.Equal(100, world.Weights["blue"]);
        Assert.Equal(0, world.Weights["green"]);
    }

    [Fact]
    public void ModifyRule_UnknownTargetGroup_TargetGroupNotFound()
    {
        // Arrange
        var (world, stack) = World();

        // Act
        var execution = world.RunExecution("Rollback", Forward((stack.TargetGroupArn["blue"], 1), ("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/other/0123456789abcdef", 1)), "test");

        // Assert
        Assert.Equal("ElasticLoadBalancingV2.TargetGroupNotFoundException", execution.Result!.Error);
        Assert.Equal(100, world.Weights["blue"]);
    }

    /// <summary>A world whose Rollback machine is one ModifyRule task taking its Actions from the input.</summary>
    private (SimulatedWorld World, RehearsalStack Stack) World()
    {
        var real = fixture.App.Stack("staging", null);
        var definition = JsonNode.Parse($$"""
            {
              "StartAt": "SetWeights",
              "States": {
                "SetWeights": {
                  "Type": "Task",
                  "Resource": "arn:aws:states:::aws-sdk:elasticloadbalancingv2:modifyRule",
                  "Parameters": { "RuleArn": "{{real.RuleArn}}", "Actions.$": "$.actions" },
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
        }, real.Policies);
        return (new SimulatedWorld(fixture.Engine, stack, new Scenario { Machine = "Rollback" }), stack);
    }

    private static JsonObject Forward(params (string Arn, int? Weight)[] groups) => new()
    {
        ["actions"] = new JsonArray(new JsonObject
        {
            ["Type"] = "forward",
            ["ForwardConfig"] = new JsonObject
            {
                ["TargetGroups"] = new JsonArray(groups.Select(g =>
                {
                    var tuple = new JsonObject { ["TargetGroupArn"] = g.Arn };
                    if (g.Weight is { } weight)
                    {
                        tuple["Weight"] = weight;
                    }

                    return (JsonNode)tuple;
                }).ToArray()),
            },
        }),
    };
}
