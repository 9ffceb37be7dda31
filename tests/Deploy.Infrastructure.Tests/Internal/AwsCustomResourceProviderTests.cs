using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.RegionInfo;
using Deploy.Constructs.Internal;
using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests.Internal;

public class AwsCustomResourceProviderTests
{
    [Fact]
    public void Create_Fleet_ProviderRunsOnNodejs24AndTheUnusedRuntimeMapIsRemoved()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewFleet(stack);

        var template = TemplateJson.Of(stack);
        var provider = Provider(template);

        Assert.Equal("nodejs24.x", provider["Properties"]!["Runtime"]!.GetValue<string>());
        Assert.Equal(AwsCustomResourceProvider.Runtime, provider["Properties"]!["Runtime"]!.GetValue<string>());
        Assert.Null(template.Root["Mappings"]?[AwsCustomResourceProvider.RuntimeMapId]);
        Assert.True(template.Count("Custom::WeightedListenerRule") + template.Count("Custom::InitialCapacity") >= 2);
    }

    [Fact]
    public void Create_Fleet_ProviderAcknowledgesTheDuplicatedRoleDependencyWithAReason()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewFleet(stack);

        var provider = Provider(TemplateJson.Of(stack));

        Assert.Equal(new[] { "W3005" }, TemplateJson.Strings(provider["Metadata"]!["cfn-lint"]!["config"]!["ignore_checks"]));
        Assert.Equal(CfnLintExceptions.RoleDependencyReason, provider["Metadata"]!["cfn-lint"]!["reasons"]!["W3005"]!.GetValue<string>());
    }

    [Fact]
    public void Create_RuntimeMapUsedBeforeTheFleet_KeepsTheMappingForItsUser()
    {
        var stack = TestStacks.NewStack();
        // What CDK's determineLatestNodeRuntime does for another construct (a log retention function, say).
        _ = new CfnOutput(stack, "OtherRuntime", new CfnOutputProps { Value = stack.RegionalFact(FactName.LATEST_NODE_RUNTIME) });
        TestStacks.NewFleet(stack);

        var template = TemplateJson.Of(stack);

        Assert.Equal("nodejs24.x", Provider(template)["Properties"]!["Runtime"]!.GetValue<string>());
        Assert.NotNull(template.Root["Mappings"]?[AwsCustomResourceProvider.RuntimeMapId]);
        Assert.Equal(AwsCustomResourceProvider.RuntimeMapId, template.Root["Outputs"]!["OtherRuntime"]!["Value"]!["Fn::FindInMap"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Create_RuntimeMapUsedAfterTheFleet_GetsTheMappingBack()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewFleet(stack);
        _ = new CfnOutput(stack, "OtherRuntime", new CfnOutputProps { Value = stack.RegionalFact(FactName.LATEST_NODE_RUNTIME) });

        var template = TemplateJson.Of(stack);

        Assert.Equal("nodejs24.x", Provider(template)["Properties"]!["Runtime"]!.GetValue<string>());
        Assert.NotNull(template.Root["Mappings"]?[AwsCustomResourceProvider.RuntimeMapId]);
        Assert.Equal(AwsCustomResourceProvider.RuntimeMapId, template.Root["Outputs"]!["OtherRuntime"]!["Value"]!["Fn::FindInMap"]![0]!.GetValue<string>());
    }

    private static JsonObject Provider(TemplateJson template) =>
        template.Resources("AWS::Lambda::Function").Single(f => f.Key.StartsWith(AwsCustomResourceProvider.ConstructId, StringComparison.Ordinal)).Value;
}
