using System.Text.Json.Nodes;
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
    };

    private static TemplateJson Synth()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewPipeline(stack);
        return TemplateJson.Of(stack);
    }

    [Theory]
    [InlineData("PipelineDeploy")]
    [InlineData("PipelineRollback")]
    [InlineData("PipelineHealthProbe")]
    public void Definition_EveryTask_HasTimeoutAndRetriesThrottlingWithJitter(string machine)
    {
        var states = Synth().Definition(machine)["States"]!.AsObject();

        // The approval task waits for a person (its own timeout, no retry: a retry would ask twice).
        var tasks = states.Where(s => s.Value!["Type"]!.GetValue<string>() == "Task" && s.Key != "AwaitApproval").ToList();

        Assert.NotEmpty(tasks);
        foreach (var (name, task) in tasks)
        {
            Assert.True(task!["TimeoutSeconds"]?.GetValue<int>() is > 0 and <= 120, $"{name} has no timeout");
            var retry = Assert.Single(task["Retry"]!.AsArray())!;
            Assert.Equal("FULL", retry["JitterStrategy"]!.GetValue<string>());
            Assert.Equal(2, retry["BackoffRate"]!.GetValue<int>());
            var errors = TemplateJson.Strings(retry["ErrorEquals"]);
            Assert.Contains("States.Timeout", errors);
            Assert.True(errors.Any(e => e.Contains("Throttl", StringComparison.Ordinal) || e.Contains("TooManyRequests", StringComparison.Ordinal)), $"{name} does not retry throttling");
            Assert.DoesNotContain("States.ALL", errors);
        }
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

        Assert.NotEmpty(statements);
        Assert.All(statements, p => Assert.Equal($"{{\"Ref\":\"{rule}\"}}", p.Statement["Resource"]!.ToJsonString()));
    }
}
