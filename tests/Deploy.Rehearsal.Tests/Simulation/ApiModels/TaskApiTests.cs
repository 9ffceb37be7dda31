using Deploy.Rehearsal.Simulation.ApiModels;

namespace Deploy.Rehearsal.Tests.Simulation.ApiModels;

public class TaskApiTests
{
    [Theory]
    [InlineData("arn:aws:states:::aws-sdk:elasticloadbalancingv2:modifyRule", "aws-sdk:elasticloadbalancingv2", "elbv2", "ModifyRule", "ModifyRule", true)]
    [InlineData("arn:aws:states:::aws-sdk:autoscaling:describeAutoScalingGroups", "aws-sdk:autoscaling", "autoscaling", "DescribeAutoScalingGroups", "DescribeAutoScalingGroups", true)]
    [InlineData("arn:aws:states:::aws-sdk:ec2:createLaunchTemplateVersion", "aws-sdk:ec2", "ec2", "CreateLaunchTemplateVersion", "CreateLaunchTemplateVersion", true)]
    [InlineData("arn:aws:states:::aws-sdk:sfn:describeExecution", "aws-sdk:sfn", "stepfunctions", "DescribeExecution", "DescribeExecution", true)]
    [InlineData("arn:aws:states:::dynamodb:updateItem", "dynamodb", "dynamodb", "UpdateItem", "UpdateItem", false)]
    [InlineData("arn:aws:states:::sns:publish", "sns", "sns", "Publish", "Publish", false)]
    [InlineData("arn:aws:states:::sns:publish.waitForTaskToken", "sns", "sns", "Publish", null, false)]
    [InlineData("arn:aws:states:::states:startExecution", "states", "stepfunctions", "StartExecution", "StartExecution", false)]
    [InlineData("arn:aws:states:::states:startExecution.sync:2", "states", "stepfunctions", "StartExecution", "DescribeExecution", false)]
    public void For_TaskResource_BotocoreOperationAndResult(string resource, string integration, string service, string operation, string? result, bool awsSdk)
    {
        // Act
        var api = TaskApi.For(resource);

        // Assert
        Assert.NotNull(api);
        Assert.Equal((integration, service, operation, result, awsSdk), (api.Integration, api.Service, api.Operation, api.Result, api.AwsSdk));
    }

    [Fact]
    public void For_StartExecutionSync2_InputAndOutputAreJson()
    {
        // Act
        var api = TaskApi.For("arn:aws:states:::states:startExecution.sync:2")!;

        // Assert
        Assert.Equal(["Input"], api.AnyJsonInput);
        Assert.Equal(["Input", "Output"], api.AnyJsonResult.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:PipelineHealthCheck")]
    [InlineData(RehearsalResources.Wait)]
    public void For_NotAnAwsApiCall_Null(string resource)
    {
        // Act
        var api = TaskApi.For(resource);

        // Assert
        Assert.Null(api);
    }

    [Fact]
    public void For_ActionTheApiDoesNotHave_Refused()
    {
        // Act
        var error = Assert.Throws<NotSupportedException>(() => TaskApi.For("arn:aws:states:::aws-sdk:elasticloadbalancingv2:modifyRules"));

        // Assert
        Assert.Equal("arn:aws:states:::aws-sdk:elasticloadbalancingv2:modifyRules: botocore's elbv2 API has no operation ModifyRules; "
            + "Step Functions refuses such a resource (INVALID_RESOURCE).", error.Message);
    }
}
