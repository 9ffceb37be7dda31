using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation;

namespace Deploy.Conformance.Tests.Replay;

/// <summary>The comparison can fail: each way the world could drift from moto is reported, by kind and path.</summary>
public class AnswerComparerTests
{
    private const string Rule = "arn:aws:states:::aws-sdk:elasticloadbalancingv2:describeRules";

    [Fact]
    public void Compare_SameAnswer_ReportsNothing()
    {
        // Arrange
        var call = Call(Rule, Rules(100, 0));

        // Act
        var differences = AnswerComparer.Compare(call, Output(Rules(100, 0)), "test");

        // Assert
        Assert.Empty(differences);
    }

    [Fact]
    public void Compare_WeightReadBackDiffers_ReportsTheWeight()
    {
        // Arrange
        var call = Call(Rule, Rules(100, 0));

        // Act
        var differences = AnswerComparer.Compare(call, Output(Rules(0, 100)), "test");

        // Assert
        Assert.Contains(differences, d => d.Kind == Difference.Value && d.Path == "rule(r).weight(blue)" && d.Detail == "world 100; moto 0");
        Assert.Contains(differences, d => d.Kind == Difference.Value && d.Path == "rule(r).weight(green)");
    }

    [Fact]
    public void Compare_MemberOnOneSideOnly_ReportsWhichSideOmitsIt()
    {
        // Arrange
        var world = Rules(100, 0);
        world["Rules"]![0]!["Extra"] = "x";
        var moto = Rules(100, 0);
        moto["Rules"]![0]!["IsDefault"] = false;

        // Act
        var differences = AnswerComparer.Compare(Call(Rule, world), Output(moto), "test");

        // Assert
        Assert.Contains(differences, d => d.Kind == Difference.WorldOmits && d.Path == "Rules[].IsDefault");
        Assert.Contains(differences, d => d.Kind == Difference.MotoOmits && d.Path == "Rules[].Extra");
    }

    [Fact]
    public void Compare_MemberOfAnotherType_ReportsTheType()
    {
        // Arrange
        var moto = Rules(100, 0);
        moto["Rules"]![0]!["Priority"] = 100;

        // Act
        var differences = AnswerComparer.Compare(Call(Rule, Rules(100, 0)), Output(moto), "test");

        // Assert
        Assert.Contains(differences, d => d.Kind == Difference.Type && d.Path == "Rules[].Priority" && d.Detail == "world string; moto number");
    }

    [Fact]
    public void Compare_WorldRefusesWhatMotoAccepts_ReportsTheOutcome()
    {
        // Arrange
        var call = Failed("arn:aws:states:::dynamodb:updateItem", "DynamoDB.ConditionalCheckFailedException");

        // Act
        var differences = AnswerComparer.Compare(call, Output(new JsonObject()), "test");

        // Assert
        var difference = Assert.Single(differences);
        Assert.Equal(Difference.Outcome, difference.Kind);
    }

    [Fact]
    public void Compare_ValidationErrorNamedAsModeled_ReportsTheErrorName()
    {
        // Arrange: DynamoDB's ValidationException is not modeled for UpdateItem, so Step Functions names it generically.
        var call = Failed("arn:aws:states:::dynamodb:updateItem", "DynamoDB.ValidationException");
        var moto = new JsonObject { ["error"] = new JsonObject { ["code"] = "ValidationException", ["message"] = "reserved keyword", ["shape"] = null } };

        // Act
        var differences = AnswerComparer.Compare(call, moto, "test");

        // Assert
        var difference = Assert.Single(differences);
        Assert.Equal(Difference.Error, difference.Kind);
        Assert.Contains("moto DynamoDB.AmazonDynamoDBException", difference.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:states:::dynamodb:updateItem", "ConditionalCheckFailedException", "DynamoDB.ConditionalCheckFailedException")]
    [InlineData("arn:aws:states:::aws-sdk:elasticloadbalancingv2:modifyRule", "RuleNotFoundException", "ElasticLoadBalancingV2.RuleNotFoundException")]
    [InlineData("arn:aws:states:::aws-sdk:autoscaling:updateAutoScalingGroup", null, "AutoScaling.AutoScalingException")]
    [InlineData("arn:aws:states:::aws-sdk:ec2:createLaunchTemplateVersion", null, "Ec2.Ec2Exception")]
    public void ErrorName_MotoError_IsTheNameStepFunctionsSurfaces(string resource, string? shape, string expected)
    {
        // Arrange
        var error = new JsonObject { ["code"] = "Whatever", ["message"] = "m", ["shape"] = shape };

        // Act
        var name = AnswerComparer.ErrorName(resource, error);

        // Assert
        Assert.Equal(expected, name);
    }

    [Fact]
    public void Compare_SkippedCall_ReportsNothing()
    {
        // Arrange
        var call = Failed(Rule, "ElasticLoadBalancingV2.ElasticLoadBalancingV2Exception");

        // Act
        var differences = AnswerComparer.Compare(call, new JsonObject { ["skipped"] = "injected" }, "test");

        // Assert
        Assert.Empty(differences);
    }

    private static JsonObject Rules(int blue, int green) => new()
    {
        ["Rules"] = new JsonArray(new JsonObject
        {
            ["RuleArn"] = "r",
            ["Priority"] = "100",
            ["Actions"] = new JsonArray(new JsonObject
            {
                ["Type"] = "forward",
                ["ForwardConfig"] = new JsonObject
                {
                    ["TargetGroups"] = new JsonArray(
                        new JsonObject { ["TargetGroupArn"] = "blue", ["Weight"] = blue },
                        new JsonObject { ["TargetGroupArn"] = "green", ["Weight"] = green }),
                },
            }),
        }),
    };

    private static JsonObject Output(JsonNode output) => new() { ["output"] = output };

    private static WorldCall Call(string resource, JsonNode output) =>
        new(SimulatedWorld.Epoch, "e", "S", resource, AnswerComparer.ApiOf(resource), new JsonObject(), false, output, null, null);

    private static WorldCall Failed(string resource, string error) =>
        new(SimulatedWorld.Epoch, "e", "S", resource, AnswerComparer.ApiOf(resource), new JsonObject(), false, null, error, "cause");
}
