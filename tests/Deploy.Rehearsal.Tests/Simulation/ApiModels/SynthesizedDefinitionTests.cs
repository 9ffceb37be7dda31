using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation;
using Deploy.Rehearsal.Simulation.ApiModels;
using Deploy.Rehearsal.Tests.TestSupport;

namespace Deploy.Rehearsal.Tests.Simulation.ApiModels;

/// <summary>
/// The synthesized state machines against the AWS API models, and the mutation proof of issue 7: misspelling or dropping
/// one Parameter of one Task makes AWS refuse it, and so does the rehearsal.
/// </summary>
[Collection(nameof(ScenarioCollection))]
public class SynthesizedDefinitionTests(ScenarioFixture fixture)
{
    private const string Shift = "ShiftTrafficToGreen";

    [Theory]
    [InlineData("staging")]
    [InlineData("production")]
    public void CheckDefinition_SynthesizedStateMachines_NoFinding(string environment)
    {
        // Arrange
        var stack = fixture.App.Stack(environment, null);

        // Act
        var findings = new[] { stack.Deploy, stack.Rollback, stack.HealthProbe }.SelectMany(m => ApiModelCheck.CheckDefinition(m.Definition)).ToList();

        // Assert
        Assert.Empty(findings);
        Assert.Contains("arn:aws:states:::aws-sdk:elasticloadbalancingv2:modifyRule", stack.Deploy.Definition.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RehearsalStack_DeployWithMisspeltRuleArn_RefusedAsCreateStateMachineRefusesIt()
    {
        // Act
        var error = Assert.Throws<RehearsalException>(() => Mutated(parameters => Rename(parameters, "RuleArn", "RuleARN")));

        // Assert
        Assert.Contains($"SCHEMA_VALIDATION_FAILED: The field \"RuleARN\" is not supported by Step Functions at /States/{Shift}/Parameters", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Invalid State Machine Definition of PipelineDeploy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DeployWithoutRuleArn_ShiftFailsWithElbv2ValidationErrorAndTrafficStays()
    {
        // Arrange
        var stack = Mutated(parameters => parameters.Remove("RuleArn"));
        var scenario = Scenario.Load(Path.Combine(ScenarioFixture.ScenarioDirectory, "canary-healthy.json"));
        var world = new SimulatedWorld(fixture.Engine, stack, scenario);

        // Act
        var first = world.RunScenario();

        // Assert
        var failure = first.Result!.Events.First(e => e.State == Shift && e.Error is not null);
        Assert.Equal("ElasticLoadBalancingV2.ElasticLoadBalancingV2Exception", failure.Error);
        Assert.StartsWith("1 validation error detected: Value null at 'ruleArn' failed to satisfy constraint: Member must not be null "
            + "(Service: ElasticLoadBalancingV2, Status Code: 400, Request ID: ", failure.Cause, StringComparison.Ordinal);
        Assert.Contains(first.Refused, r => r.State == Shift && r.Api == "elasticloadbalancingv2:modifyRule");
        Assert.False(first.Result.Succeeded);
        Assert.Equal(100, world.Weights[world.OldColor]);
        Assert.DoesNotContain(world.WeightChanges, c => c.State == Shift);
    }

    [Fact]
    public void Run_DeployWithTextWeight_StatesRuntimeFailsTheExecutionUncaught()
    {
        // Arrange
        var stack = Mutated(parameters =>
        {
            foreach (var group in parameters["Actions"]!.AsArray().OfType<JsonObject>().Single(a => (string?)a["Type"] == "forward")["ForwardConfig"]!["TargetGroups"]!.AsArray().OfType<JsonObject>())
            {
                group.Remove("Weight.$");
                group["Weight"] = "10";
            }
        });
        var scenario = Scenario.Load(Path.Combine(ScenarioFixture.ScenarioDirectory, "canary-healthy.json"));
        var world = new SimulatedWorld(fixture.Engine, stack, scenario);

        // Act
        var first = world.RunScenario();

        // Assert
        Assert.Equal(ExecutionStatus.Failed, first.Result!.Status);
        Assert.Equal("States.Runtime", first.Result.Error);
        Assert.EndsWith("could not be used to start the Task: [The value of the field 'Weight' has an invalid format, The value of the field 'Weight' has an invalid format]",
            first.Result.Cause, StringComparison.Ordinal);
        Assert.Equal(100, world.Weights[world.OldColor]);
    }

    /// <summary>The staging stack with the Deploy machine's <see cref="Shift"/> Parameters changed by <paramref name="mutate"/>.</summary>
    private RehearsalStack Mutated(Action<JsonObject> mutate) =>
        MutatedStack.WithDeployState(fixture.App.Stack("staging", null), Shift, state => mutate(state["Parameters"]!.AsObject()));

    private static void Rename(JsonObject parameters, string from, string to)
    {
        var value = parameters[from]!.DeepClone();
        parameters.Remove(from);
        parameters[to] = value;
    }
}
