using System.Text.Json.Nodes;
using Deploy.Rehearsal.Authorization;
using Deploy.Rehearsal.Simulation;
using Deploy.Rehearsal.Tests.Simulation;

namespace Deploy.Rehearsal.Tests.Authorization;

/// <summary>The bundled app's synthesized template: its roles, resolved with the definitions' fake values, against every Task.</summary>
[Collection(nameof(ScenarioCollection))]
public sealed class TemplatePoliciesTests(ScenarioFixture fixture)
{
    private RehearsalStack Stack => fixture.App.Stack("staging", null);

    private TaskAuthorizer Authorizer(StackPolicies? policies = null) => new(policies ?? Stack.Policies!, fixture.Engine.PolicySimulator);

    [Fact]
    public void ResolveTemplateWithPolicies_BundledApp_EachStateMachineRunsAsItsOwnRole()
    {
        var policies = Stack.Policies!;

        Assert.StartsWith("PipelineDeployRole", policies.RoleOfStateMachine(Stack.Deploy.LogicalId).LogicalId, StringComparison.Ordinal);
        Assert.StartsWith("PipelineRollbackRole", policies.RoleOfStateMachine(Stack.Rollback.LogicalId).LogicalId, StringComparison.Ordinal);
        Assert.StartsWith("PipelineHealthProbeRole", policies.RoleOfStateMachine(Stack.HealthProbe.LogicalId).LogicalId, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveTemplateWithPolicies_BundledApp_PolicyResourcesAreTheArnsTheDefinitionsCall()
    {
        var deploy = Stack.Policies!.RoleOfStateMachine(Stack.Deploy.LogicalId);
        var statements = deploy.Policies.SelectMany(p => p.Document["Statement"]!.AsArray()).OfType<JsonObject>().ToList();

        var modifyRule = Assert.Single(statements, s => RolePolicies.Names(s, "elasticloadbalancing:ModifyRule"));
        Assert.Equal(Stack.RuleArn, (string?)modifyRule["Resource"]);
        Assert.StartsWith("arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/", Stack.RuleArn, StringComparison.Ordinal);
        var update = Assert.Single(statements, s => RolePolicies.Names(s, "autoscaling:UpdateAutoScalingGroup"));
        Assert.Contains(update["Resource"]!.AsArray(), r => ((string)r!).EndsWith($":autoScalingGroupName/{Stack.GroupName["green"]}", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_EveryTaskOfTheThreeStateMachines_Allowed()
    {
        var authorizer = Authorizer();
        var denied = new List<string>();
        var tasks = 0;

        foreach (var machine in new[] { Stack.Deploy, Stack.Rollback, Stack.HealthProbe })
        {
            foreach (var (state, resource, input) in TaskSamples.Of(machine.Definition, Stack))
            {
                tasks++;
                var (service, action) = TaskSamples.Api(resource, Stack);
                denied.AddRange(authorizer.Decide(machine.LogicalId, service, action, resource, input)
                    .Where(d => d.Decision != PolicyDecision.Allowed)
                    .Select(d => $"{machine.LogicalId}.{state}: {TaskAuthorizer.Describe(d)}"));
            }
        }

        Assert.True(tasks > 100, $"only {tasks} task calls sampled");
        Assert.True(denied.Count == 0, "denied:" + Environment.NewLine + string.Join(Environment.NewLine, denied.Distinct()));
    }

    [Fact]
    public void Decide_CustomResourceCalls_AllowedAsTheProvidersRole()
    {
        var authorizer = Authorizer();
        var calls = Stack.Policies!.CustomResourceCalls;

        Assert.Equal(
            [
                "Custom::GroupSettings Create updateAutoScalingGroup", "Custom::GroupSettings Create updateAutoScalingGroup",
                "Custom::GroupSettings Update updateAutoScalingGroup", "Custom::GroupSettings Update updateAutoScalingGroup",
                "Custom::GroupTags Create createOrUpdateTags", "Custom::GroupTags Create createOrUpdateTags",
                "Custom::GroupTags Update createOrUpdateTags", "Custom::GroupTags Update createOrUpdateTags",
                "Custom::InitialCapacity Create updateAutoScalingGroup",
                "Custom::WeightedListenerRule Create createRule", "Custom::WeightedListenerRule Delete deleteRule", "Custom::WeightedListenerRule Update modifyRule",
                "Custom::WeightedListenerRulePriority Create setRulePriorities", "Custom::WeightedListenerRulePriority Update setRulePriorities",
            ],
            calls.Select(c => $"{c.Type} {c.Event} {c.Action}").Order(StringComparer.Ordinal));
        Assert.All(calls, call => Assert.All(authorizer.Decide(call), d => Assert.True(d.Decision == PolicyDecision.Allowed, TaskAuthorizer.Describe(d))));
        Assert.Equal(Stack.RuleArn, (string?)calls.Single(c => c.Event == "Delete").Parameters["RuleArn"]);
    }

    [Fact]
    public void Decide_CustomResourceRoleWithoutDeleteRule_DeleteDenied()
    {
        var policies = Stack.Policies!;
        var call = policies.CustomResourceCalls.Single(c => c.Event == "Delete");
        var role = policies.Roles[call.RoleLogicalId].WithoutStatements(s => RolePolicies.Names(s, "elasticloadbalancing:DeleteRule"));

        var decided = Assert.Single(Authorizer(policies.WithRole(role)).Decide(call));

        Assert.Equal(("elasticloadbalancing:DeleteRule", PolicyDecision.ImplicitlyDenied), (decided.Check.Request.Action, decided.Decision));
    }

    [Fact]
    public void Refusal_DeployRoleWithoutRunInstances_PinAndScaleIdleGroupNotAuthorizedToUseTheLaunchTemplate()
    {
        // Issue 7: the Deploy role needs ec2:RunInstances to update a group with a launch template. This test holds whether
        // or not the template grants it: it removes the grant (a no-op on a template without it).
        var policies = Stack.Policies!;
        var deploy = policies.RoleOfStateMachine(Stack.Deploy.LogicalId).WithoutAction("ec2:RunInstances");
        var authorizer = Authorizer(policies.WithRole(deploy));
        var (_, resource, input) = TaskSamples.Of(Stack.Deploy.Definition, Stack).First(t => t.State == "PinAndScaleIdleGroup");

        var refusal = authorizer.Refusal(Stack.Deploy.LogicalId, "autoscaling", "updateAutoScalingGroup", resource, input);

        Assert.NotNull(refusal);
        Assert.Equal("AutoScaling.AutoScalingException", refusal.Error);
        Assert.StartsWith($"You are not authorized to use launch template: {Stack.LaunchTemplateId} (Service: AutoScaling, Status Code: 403", refusal.Cause, StringComparison.Ordinal);
        Assert.Equal(("ec2:RunInstances", PermissionPurpose.LaunchTemplateUse), (authorizer.LastDenied!.Value.Check.Request.Action, authorizer.LastDenied.Value.Check.Purpose));
    }
}
