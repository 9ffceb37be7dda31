using System.Text.Json.Nodes;
using Deploy.Contracts;
using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests.Internal;

public class RollbackFlowTests
{
    private static (JsonObject States, string StartAt, TemplateJson Template) Rollback()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewPipeline(stack);
        var template = TemplateJson.Of(stack);
        var definition = template.Definition("PipelineRollback");
        return (definition["States"]!.AsObject(), definition["StartAt"]!.GetValue<string>(), template);
    }

    [Theory]
    [InlineData("blue", "RestoreBlue", 100, 0)]
    [InlineData("green", "RestoreGreen", 0, 100)]
    public void Definition_RestoreColor_RestoresWeightsInSecondStateWithoutLambda(string color, string restoreState, int blueWeight, int greenWeight)
    {
        var (states, startAt, template) = Rollback();
        var blue = template.Resources("AWS::ElasticLoadBalancingV2::TargetGroup").Single(t => t.Key.StartsWith("FleetBlue", StringComparison.Ordinal)).Key;

        // State 1: a Choice that routes on the input only.
        var choice = states[startAt]!;
        Assert.Equal("Choice", choice["Type"]!.GetValue<string>());
        var route = choice["Choices"]!.AsArray().Single(c => c!.ToJsonString().Contains($"\"StringEquals\":\"{color}\"", StringComparison.Ordinal))!;
        Assert.Equal(restoreState, route["Next"]!.GetValue<string>());

        // State 2: ModifyRule with the previous color at 100 — traffic is restored here, no Lambda before it.
        var restore = states[restoreState]!;
        Assert.Equal("arn:${Ref:AWS::Partition}:states:::aws-sdk:elasticloadbalancingv2:modifyRule", restore["Resource"]!.GetValue<string>());
        var groups = restore["Parameters"]!["Actions"]![0]!["ForwardConfig"]!["TargetGroups"]!.AsArray();
        Assert.Equal($"${{Ref:{blue}}}", groups[0]!["TargetGroupArn"]!.GetValue<string>());
        Assert.Equal(blueWeight, groups[0]!["Weight"]!.GetValue<int>());
        Assert.Equal(greenWeight, groups[1]!["Weight"]!.GetValue<int>());
        Assert.DoesNotContain("lambda", choice.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Definition_AlarmOfOneColor_RestoresTheOtherColor()
    {
        var (states, startAt, _) = Rollback();

        var choices = states[startAt]!["Choices"]!.AsArray();
        var toBlue = choices.Single(c => c!["Next"]!.GetValue<string>() == "RestoreBlue")!.ToJsonString();
        var toGreen = choices.Single(c => c!["Next"]!.GetValue<string>() == "RestoreGreen")!.ToJsonString();

        Assert.Contains("shop-staging-green-rollback", toBlue, StringComparison.Ordinal);
        Assert.Contains("shop-staging-blue-rollback", toGreen, StringComparison.Ordinal);
        Assert.Equal(DeployErrors.MalformedInput, states[states[startAt]!["Default"]!.GetValue<string>()]!["Error"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_AfterRestore_ReadsWeightsBackAndEndsRolledBackOrFailedLoudly()
    {
        var (states, _, _) = Rollback();

        Assert.Equal("ReadBackWeights", states["RestoredBlue"]!["Next"]!.GetValue<string>());
        Assert.Equal("arn:${Ref:AWS::Partition}:states:::aws-sdk:elasticloadbalancingv2:describeRules", states["ReadBackWeights"]!["Resource"]!.GetValue<string>());
        Assert.Equal(DeployErrors.RolledBack, states["RolledBack"]!["Error"]!.GetValue<string>());
        Assert.Equal(DeployErrors.WeightsNotApplied, states["WeightsNotApplied"]!["Error"]!.GetValue<string>());
        Assert.Equal(DeployErrors.RollbackFailed, states["RollbackFailed"]!["Error"]!.GetValue<string>());
        // An AWS error while restoring is caught, notified, and ends as RollbackFailed.
        var restoreCatch = states["RestoreBlue"]!["Catch"]![0]!;
        Assert.Equal("[\"States.ALL\"]", restoreCatch["ErrorEquals"]!.ToJsonString());
        Assert.Equal("NotifyRollbackFailed", restoreCatch["Next"]!.GetValue<string>());
        Assert.Equal("RollbackFailed", states["NotifyRollbackFailed"]!["Next"]!.GetValue<string>());
    }
}
