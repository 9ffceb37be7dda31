using System.Text.Json.Nodes;
using Deploy.Contracts;
using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests.Internal;

public class FlowTasksTests
{
    /// <summary>APIs without resource-level permissions: the only actions allowed on a "*" resource.</summary>
    private static readonly HashSet<string> UnscopedActions = new(StringComparer.Ordinal)
    {
        "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets",
        "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
        "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
        "elasticloadbalancing:DescribeTargetHealth", "elasticloadbalancing:DescribeRules",
        "cloudwatch:GetMetricData", "cloudwatch:DescribeAlarms", "cloudwatch:PutMetricData",
        "autoscaling:DescribeAutoScalingGroups",
        // Allowed on * only with the ec2:LaunchTemplate condition (asserted below): the resources a launch uses.
        "ec2:RunInstances",
    };

    private static TemplateJson Synth()
    {
        return TestStacks.DefaultTemplate;
    }

    /// <summary>The restore ModifyRules: they must not fail during an incident, so they retry everything but the permanent errors.</summary>
    private static bool IsRestore(string state) =>
        state.StartsWith("RestoreTrafficTo", StringComparison.Ordinal) || state.StartsWith("RepairSplitTo", StringComparison.Ordinal);

    [Theory]
    [InlineData("PipelineDeploy")]
    [InlineData("PipelineRollback")]
    [InlineData("PipelineHealthProbe")]
    [InlineData("PipelineUnlock")]
    public void Definition_EveryTask_HasTimeoutAndRetriesItsIntegrationsTransientErrorsWithJitter(string machine)
    {
        var states = Synth().Definition(machine)["States"]!.AsObject();

        var tasks = states.Where(s => s.Value!["Type"]!.GetValue<string>() == "Task").ToList();

        Assert.NotEmpty(tasks);
        foreach (var (name, task) in tasks)
        {
            Assert.True(task!["TimeoutSeconds"]?.GetValue<int>() > 0, $"{name} has no timeout");
            var integration = ServiceErrors.IntegrationOf(task["Resource"]!.GetValue<string>());
            var retriers = task["Retry"]!.AsArray();
            // The retrier the other errors reach (a restore's catch-all; the only one elsewhere) backs off with jitter.
            var last = IsRestore(name) ? ByName.Retrier(task, "States.ALL") : Assert.Single(retriers)!;
            Assert.Equal("FULL", last["JitterStrategy"]!.GetValue<string>());
            Assert.Equal(2, last["BackoffRate"]!.GetValue<int>());
            if (IsRestore(name))
            {
                Assert.Equal(2, retriers.Count);
                // Found as Step Functions finds it: the permanent errors reach this retrier, not the catch-all.
                var permanent = ByName.Retrier(task, ServiceErrors.Permanent(integration)[0]);
                Assert.Equal(ServiceErrors.Permanent(integration), TemplateJson.Strings(permanent["ErrorEquals"]));
                Assert.Equal(0, permanent["MaxAttempts"]!.GetValue<int>());
                Assert.Equal(new[] { "States.ALL" }, TemplateJson.Strings(last["ErrorEquals"]));
            }
            else if (name == "AwaitApproval")
            {
                // The approval timeout is a rejection: everything transient but States.Timeout.
                Assert.Equal(ServiceErrors.Transient("sns").Where(e => e != ServiceErrors.TaskTimeout), TemplateJson.Strings(Assert.Single(retriers)!["ErrorEquals"]));
            }
            else
            {
                Assert.True(task["TimeoutSeconds"]!.GetValue<int>() <= 120, $"{name}: timeout above 2 minutes");
                Assert.Equal(ServiceErrors.Transient(integration), TemplateJson.Strings(Assert.Single(retriers)!["ErrorEquals"]));
            }
        }
    }

    [Theory]
    [InlineData("PipelineDeploy")]
    [InlineData("PipelineRollback")]
    [InlineData("PipelineHealthProbe")]
    [InlineData("PipelineUnlock")]
    public void Definition_EveryRetryAndCatchName_CanBeProduced(string machine)
    {
        var states = Synth().Definition(machine)["States"]!.AsObject();

        Assert.Empty(UnproducibleErrorNames(states));
    }

    [Fact]
    public void UnproducibleErrorNames_RetrierNamingAModeledStyleThrottle_IsReportedWithTheNameThatArrives()
    {
        // Arrange: the mistake this project made once: ELBv2 does not model throttling, so this name never arrives.
        var states = Synth().Definition("PipelineDeploy")["States"]!.AsObject();
        Assert.Single(states["ShiftTrafficToGreen"]!["Retry"]!.AsArray())!["ErrorEquals"]!.AsArray().Add("ElasticLoadBalancingV2.ThrottlingException");

        // Act
        var unproducible = UnproducibleErrorNames(states);

        // Assert
        var finding = Assert.Single(unproducible);
        Assert.Equal("ShiftTrafficToGreen: ElasticLoadBalancingV2.ThrottlingException can never be produced by aws-sdk:elasticloadbalancingv2 "
            + "(throttling and 5xx arrive as ElasticLoadBalancingV2.ElasticLoadBalancingV2Exception)", finding);
    }

    /// <summary>
    /// Every Retry/Catch name of a Task that nothing can produce: not a <c>States.*</c> name, not one of the pipeline's
    /// named errors (the CLI rejects an approval with <c>Deploy.ApprovalRejected</c>), not in <see cref="ServiceErrors"/>
    /// for the Task's integration. Such a name is dead code: the error falls through to the Catch.
    /// </summary>
    private static List<string> UnproducibleErrorNames(JsonObject states)
    {
        var findings = new List<string>();
        foreach (var (name, state) in states.Where(s => s.Value!["Type"]!.GetValue<string>() == "Task"))
        {
            var integration = ServiceErrors.IntegrationOf(state!["Resource"]!.GetValue<string>());
            var producible = ServiceErrors.All(integration).Concat(DeployErrors.All).ToHashSet(StringComparer.Ordinal);
            var handlers = (state["Retry"]?.AsArray() ?? []).Concat(state["Catch"]?.AsArray() ?? []);
            foreach (var error in handlers.SelectMany(h => TemplateJson.Strings(h!["ErrorEquals"])))
            {
                if (!error.StartsWith("States.", StringComparison.Ordinal) && !producible.Contains(error))
                {
                    findings.Add($"{name}: {error} can never be produced by {integration} (throttling and 5xx arrive as {ServiceErrors.Generic(integration)})");
                }
            }
        }

        return findings;
    }

    [Fact]
    public void Policies_WildcardResource_OnlyForApisWithoutResourceLevelPermissions()
    {
        var template = Synth();

        var wildcard = template.PolicyStatements()
            .Where(p => p.Statement["Resource"]!.ToJsonString() == "\"*\"" || (p.Statement["Resource"] is JsonArray a && a.Any(r => r!.ToJsonString() == "\"*\"")))
            .ToList();

        Assert.NotEmpty(wildcard);
        foreach (var (policy, statement) in wildcard)
        {
            var actions = TemplateJson.Strings(statement["Action"]);
            Assert.True(actions.All(UnscopedActions.Contains), $"{policy}: {string.Join(", ", actions)} on *");
            if (actions.Contains("ec2:RunInstances"))
            {
                Assert.Equal(new[] { "ec2:RunInstances" }, actions);
                Assert.Contains("launch-template/", statement["Condition"]!["ArnLike"]!["ec2:LaunchTemplate"]!.ToJsonString(), StringComparison.Ordinal);
            }

            if (actions.Contains("cloudwatch:PutMetricData"))
            {
                Assert.Equal(new[] { "cloudwatch:PutMetricData" }, actions);
                Assert.Equal("BlueGreenDeployments", statement["Condition"]!["StringEquals"]!["cloudwatch:namespace"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public void Policies_ModifyRule_ScopedToTheWeightedRule()
    {
        var template = Synth();
        var rule = template.Resources("Custom::WeightedListenerRule").Single().Key;

        var statements = template.PolicyStatements().Where(p => TemplateJson.Strings(p.Statement["Action"]).Contains("elasticloadbalancing:ModifyRule")).ToList();
        // The rule's own custom resource changes its conditions on a stack update: it may modify rules of this listener only
        // (the rule's ARN is not known before it exists).
        var custom = statements.Where(p => p.Policy.StartsWith("FleetWeightedRuleCustomResourcePolicy", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(statements);
        Assert.All(statements.Except(custom), p => Assert.Equal($"{{\"Ref\":\"{rule}\"}}", p.Statement["Resource"]!.ToJsonString()));
        var own = Assert.Single(custom).Statement;
        Assert.Equal(["elasticloadbalancing:ModifyRule", "elasticloadbalancing:DeleteRule"], TemplateJson.Strings(own["Action"]));
        Assert.Contains(":listener-rule/", own["Resource"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PipelineDeployRole")]
    [InlineData("PipelineRollbackRole")]
    public void Policies_RolesThatPinALaunchTemplate_MayLaunchAndTagFromIt(string rolePrefix)
    {
        // Auto Scaling checks the caller of UpdateAutoScalingGroup with a LaunchTemplate for ec2:RunInstances, and for
        // ec2:CreateTags when the template tags what it launches ("Control Amazon EC2 launch template usage in Auto
        // Scaling groups"); without them: "You are not authorized to use launch template".
        var template = Synth();
        var statements = template.PolicyStatements()
            .Where(p => template.Root["Resources"]![p.Policy]!["Properties"]!["Roles"]!.ToJsonString().Contains(rolePrefix, StringComparison.Ordinal))
            .Select(p => p.Statement)
            .ToList();

        var runInstances = statements.Where(s => TemplateJson.Strings(s["Action"]).Contains("ec2:RunInstances")).ToList();
        Assert.Equal(2, runInstances.Count);
        Assert.Contains(runInstances, s => TemplateJson.Flatten(s["Resource"]!).Contains(":launch-template/", StringComparison.Ordinal));
        var createTags = Assert.Single(statements, s => TemplateJson.Strings(s["Action"]).Contains("ec2:CreateTags"));
        Assert.Equal("RunInstances", createTags["Condition"]!["StringEquals"]!["ec2:CreateAction"]!.GetValue<string>());
    }
}
