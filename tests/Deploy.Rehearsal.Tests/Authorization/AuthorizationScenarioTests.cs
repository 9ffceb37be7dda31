using Deploy.Rehearsal.Authorization;
using Deploy.Rehearsal.Simulation;
using Deploy.Rehearsal.Tests.Simulation;

namespace Deploy.Rehearsal.Tests.Authorization;

/// <summary>
/// Mutation proofs (issue 7, acceptance): a scenario run with one statement removed from a role's policy fails with the
/// error AWS would answer, in the name Step Functions surfaces.
/// </summary>
[Collection(nameof(ScenarioCollection))]
public sealed class AuthorizationScenarioTests(ScenarioFixture fixture)
{
    private static Scenario Load(string name) => Scenario.Load(Path.Combine(ScenarioFixture.ScenarioDirectory, name + ".json"));

    private (SimulatedWorld World, SimulatedWorld.ExecutionRecord First, List<(string State, TaskOutcome Outcome)> Answers) Run(
        Scenario scenario, Func<RehearsalStack, string> machine, string action, bool authorize = true)
    {
        var stack = fixture.App.Stack(scenario.Environment, scenario.Settings);
        var role = stack.Policies!.RoleOfStateMachine(machine(stack)).WithoutAction(action);
        var answers = new List<(string, TaskOutcome)>();
        var world = new SimulatedWorld(fixture.Engine, stack.WithPolicies(stack.Policies.WithRole(role)), scenario)
        {
            Authorize = authorize,
            TaskAnswered = (_, call, outcome) => answers.Add((call.StateName, outcome)),
        };
        return (world, world.RunScenario(), answers);
    }

    [Fact]
    public void Run_DeployRoleWithoutItsModifyRuleStatement_TrafficNeverMovesAndTheShiftFailsWithElbAccessDenied()
    {
        var (world, first, answers) = Run(Load("canary-healthy"), s => s.Deploy.LogicalId, "elasticloadbalancing:ModifyRule");
        var rule = fixture.App.Stack("staging", null).RuleArn;
        var role = fixture.App.Stack("staging", null).Policies!.RoleOfStateMachine(fixture.App.Stack("staging", null).Deploy.LogicalId);

        var shift = answers.First(a => a.State.StartsWith("ShiftTrafficTo", StringComparison.Ordinal)).Outcome;
        Assert.Equal("ElasticLoadBalancingV2.ElasticLoadBalancingV2Exception", shift.Error);
        Assert.StartsWith($"User: {role.SessionArn} is not authorized to perform: elasticloadbalancing:ModifyRule on resource: {rule} "
            + "because no identity-based policy allows the elasticloadbalancing:ModifyRule action (Service: ElasticLoadBalancingV2, Status Code: 403, Request ID: ",
            shift.Cause, StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Failed, first.Result!.Status);
        Assert.Equal(100, world.Weights[world.OldColor]);
        Assert.Contains(first.Refused, r => r.Api == "elasticloadbalancingv2:modifyRule");
        Assert.All(world.Denials, d => Assert.Equal("elasticloadbalancing:ModifyRule", d.Check.Request.Action));
    }

    [Fact]
    public void Run_DeployRoleWithoutRunInstances_PinAndScaleIdleGroupFailsNotAuthorizedToUseTheLaunchTemplate()
    {
        var (world, first, answers) = Run(Load("canary-healthy"), s => s.Deploy.LogicalId, "ec2:RunInstances");

        var failed = answers.Where(a => !a.Outcome.Succeeded).Select(a => $"{a.State}: {a.Outcome.Error}").ToList();
        Assert.True(answers.Any(a => a.State == "PinAndScaleIdleGroup"), "PinAndScaleIdleGroup never ran; failed: " + string.Join("; ", failed));
        var pin = answers.First(a => a.State == "PinAndScaleIdleGroup").Outcome;
        Assert.Equal("AutoScaling.AutoScalingException", pin.Error);
        Assert.StartsWith("You are not authorized to use launch template: lt-", pin.Cause, StringComparison.Ordinal);
        Assert.Equal("Deploy.RolledBack", first.Result!.Error);
        Assert.Equal("ec2:RunInstances", world.Denials.First().Check.Request.Action);
        Assert.Equal(0, world.Groups[world.NewColor].Desired);
    }

    [Fact]
    public void Run_RollbackRoleWithoutGetItem_ReadStateFailsWithDynamoDbAccessDenied()
    {
        var (world, _, answers) = Run(Load("alarm-during-bake"), s => s.Rollback.LogicalId, "dynamodb:GetItem");

        var read = answers.First(a => a.State == "ReadState").Outcome;
        Assert.Equal("DynamoDB.AmazonDynamoDBException", read.Error);
        Assert.Contains("is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/", read.Cause, StringComparison.Ordinal);
        Assert.Contains("Error Code: AccessDeniedException", read.Cause, StringComparison.Ordinal);
        Assert.Contains(world.Executions, e => e.Machine == "Rollback" && e.Refused.Any(r => r.State == "ReadState"));
    }

    [Fact]
    public void Run_AuthorizeOff_TheMissingStatementGoesUnnoticed()
    {
        var (world, first, _) = Run(Load("canary-healthy"), s => s.Deploy.LogicalId, "elasticloadbalancing:ModifyRule", authorize: false);

        Assert.True(first.Result!.Succeeded, first.Result.Error);
        Assert.Empty(world.Denials);
    }
}
