using Deploy.Contracts;
using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests.Internal;

public class DeployFlowTests
{
    [Fact]
    public void Definition_Start_ValidatesRequestWithHandlerBeforeTouchingAnything()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewPipeline(stack, new Deploy.Constructs.DeploymentConfiguration { DefaultStrategy = Deploy.Constructs.DeploymentStrategy.Canary, CanaryPercentage = 15 });
        var template = TemplateJson.Of(stack);
        var validate = template.Resources("AWS::Lambda::Function").Single(f => f.Key.StartsWith("PipelineValidateRequest", StringComparison.Ordinal)).Key;

        var definition = template.Definition("PipelineDeploy");
        var states = definition["States"]!.AsObject();
        var first = states[definition["StartAt"]!.GetValue<string>()]!;

        Assert.Equal("ValidateRequest", definition["StartAt"]!.GetValue<string>());
        Assert.Equal($"${{{validate}.Arn}}", first["Resource"]!.GetValue<string>());
        Assert.Equal("Canary", first["Parameters"]!["defaults"]!["strategy"]!.GetValue<string>());
        Assert.Equal(15, first["Parameters"]!["defaults"]!["canaryPercentage"]!.GetValue<int>());
        var valid = states["RequestValid"]!;
        Assert.Equal("AcquireLock", valid["Choices"]![0]!["Next"]!.GetValue<string>());
        Assert.Equal("RequestRejected", valid["Default"]!.GetValue<string>());
        Assert.Equal("$.validation.error.name", states["RequestRejected"]!["ErrorPath"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_LockHeld_FailsDeploymentInProgressWithoutChanges()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewPipeline(stack);

        var states = TemplateJson.Of(stack).Definition("PipelineDeploy")["States"]!.AsObject();
        var acquire = states["AcquireLock"]!;

        Assert.Equal("arn:${Ref:AWS::Partition}:states:::dynamodb:putItem", acquire["Resource"]!.GetValue<string>());
        Assert.Equal("attribute_not_exists(pk)", acquire["Parameters"]!["ConditionExpression"]!.GetValue<string>());
        Assert.Equal("shop#staging", acquire["Parameters"]!["Item"]!["pk"]!["S"]!.GetValue<string>());
        var caught = acquire["Catch"]![0]!;
        Assert.Equal("[\"DynamoDB.ConditionalCheckFailedException\"]", caught["ErrorEquals"]!.ToJsonString());
        Assert.Equal(DeployErrors.DeploymentInProgress, states[caught["Next"]!.GetValue<string>()]!["Error"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_FailureAfterLock_ReleasesLockBeforeFailing()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewPipeline(stack);

        var states = TemplateJson.Of(stack).Definition("PipelineDeploy")["States"]!.AsObject();

        foreach (var name in new[] { "ReadWeights", "NotifyStarted" })
        {
            Assert.Equal("ReleaseLockOnFailure", states[name]!["Catch"]![0]!["Next"]!.GetValue<string>());
        }

        Assert.Equal("DeploymentFailed", states["ReleaseLockOnFailure"]!["Next"]!.GetValue<string>());
        Assert.Equal("attribute_not_exists(pk) OR executionArn = :me", states["ReleaseLockOnFailure"]!["Parameters"]!["ConditionExpression"]!.GetValue<string>());
    }
}
