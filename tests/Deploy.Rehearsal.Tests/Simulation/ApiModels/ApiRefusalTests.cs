using System.Text.Json.Nodes;
using Deploy.Contracts;
using Deploy.Rehearsal.Simulation.ApiModels;

namespace Deploy.Rehearsal.Tests.Simulation.ApiModels;

/// <summary>The failure each integration's validation error reaches a Task as (<see cref="ApiModelCheck.Refusal"/>).</summary>
public class ApiRefusalTests
{
    private const string RequestId = "00000007-0000-4000-8000-000000000003";
    private const string Rule = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/lb/1/2/3";

    private static TaskCall Call(string resource, string input) => new()
    {
        RunId = 3,
        TaskId = 7,
        StateName = "ShiftTrafficToGreen",
        Resource = resource,
        Input = JsonNode.Parse(input),
    };

    [Fact]
    public void Refusal_CompliantRequest_Null()
    {
        // Act
        var refusal = ApiModelCheck.Refusal(Call("arn:aws:states:::aws-sdk:elasticloadbalancingv2:describeRules", $$"""{ "RuleArns": ["{{Rule}}"] }"""));

        // Assert
        Assert.Null(refusal);
    }

    [Fact]
    public void Refusal_LambdaFunction_NotAnApiCall()
    {
        // Act
        var refusal = ApiModelCheck.Refusal(Call("arn:aws:lambda:us-east-1:123456789012:function:PipelineHealthCheck", """{ "anything": 1 }"""));

        // Assert
        Assert.Null(refusal);
    }

    [Fact]
    public void Refusal_ModifyRuleWithoutRuleArn_GenericElbv2ExceptionWithTheServiceValidationMessage()
    {
        // Act
        var refusal = ApiModelCheck.Refusal(Call("arn:aws:states:::aws-sdk:elasticloadbalancingv2:modifyRule", """{ "Actions": [] }"""));

        // Assert
        Assert.NotNull(refusal);
        Assert.Equal(ServiceErrors.Generic("aws-sdk:elasticloadbalancingv2"), refusal.Error);
        Assert.Equal("ElasticLoadBalancingV2.ElasticLoadBalancingV2Exception", refusal.Error);
        Assert.Equal("1 validation error detected: Value null at 'ruleArn' failed to satisfy constraint: Member must not be null "
            + $"(Service: ElasticLoadBalancingV2, Status Code: 400, Request ID: {RequestId})", refusal.Cause);
    }

    [Fact]
    public void Refusal_TwoServiceViolations_BothInOneMessage()
    {
        // Act
        var refusal = ApiModelCheck.Refusal(Call("arn:aws:states:::aws-sdk:autoscaling:updateAutoScalingGroup",
            """{ "AutoScalingGroupName": "", "HealthCheckType": "ELB", "MinSize": 0 , "LaunchTemplate": { "LaunchTemplateId": "lt-1", "Version": "" } }"""));

        // Assert
        Assert.NotNull(refusal);
        Assert.Equal("AutoScaling.AutoScalingException", refusal.Error);
        Assert.StartsWith("2 validation errors detected: Value '' at 'autoScalingGroupName' failed to satisfy constraint: Member must have length greater than or equal to 1; "
            + "Value '' at 'launchTemplate.version' failed to satisfy constraint: Member must have length greater than or equal to 1 (Service: AutoScaling, ", refusal.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_MisspeltParameter_StatesRuntimeBeforeTheCall()
    {
        // Act
        var refusal = ApiModelCheck.Refusal(Call("arn:aws:states:::aws-sdk:elasticloadbalancingv2:modifyRule", $$"""{ "RuleARN": "{{Rule}}" }"""));

        // Assert
        Assert.NotNull(refusal);
        Assert.Equal("States.Runtime", refusal.Error);
        Assert.Equal($$"""An error occurred while executing the state 'ShiftTrafficToGreen'. The Parameters '{"RuleARN":"{{Rule}}"}' """
            + "could not be used to start the Task: [The field \"RuleARN\" is not supported by Step Functions]", refusal.Cause);
    }

    [Fact]
    public void Refusal_WrongType_StatesRuntimeNamingTheField()
    {
        // Act
        var refusal = ApiModelCheck.Refusal(Call("arn:aws:states:::aws-sdk:autoscaling:updateAutoScalingGroup", """{ "AutoScalingGroupName": "g", "DesiredCapacity": "2" }"""));

        // Assert
        Assert.NotNull(refusal);
        Assert.Equal("States.Runtime", refusal.Error);
        Assert.EndsWith("could not be used to start the Task: [The value of the field 'DesiredCapacity' has an invalid format]", refusal.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_DynamoDbWithoutTableName_GenericExceptionWithValidationExceptionInTheOptimizedIntegrationsWording()
    {
        // Act
        var refusal = ApiModelCheck.Refusal(Call("arn:aws:states:::dynamodb:updateItem", """{ "Key": { "pk": { "S": "a" } } }"""));

        // Assert
        Assert.NotNull(refusal);
        Assert.Equal("DynamoDB.AmazonDynamoDBException", refusal.Error);
        Assert.Equal("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null "
            + $"(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ValidationException; Request ID: {RequestId}; Proxy: null)", refusal.Cause);
    }

    [Fact]
    public void Refusal_DynamoDbPutItemWithoutItem_AsAwsRecordedIt()
    {
        // Arrange: LocalStack's AWS-validated snapshot test_task_service_dynamodb::test_invalid_param, recorded on AWS.
        const string Recorded = "1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null "
            + "(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ValidationException; Request ID: ";

        // Act
        var refusal = ApiModelCheck.Refusal(Call("arn:aws:states:::dynamodb:putItem", """{ "TableName": "t" }"""));

        // Assert
        Assert.NotNull(refusal);
        Assert.Equal("DynamoDB.AmazonDynamoDBException", refusal.Error);
        Assert.StartsWith(Recorded, refusal.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_DynamoDbReturnValuesOutsideEnum_GenericException()
    {
        // Act
        var refusal = ApiModelCheck.Refusal(Call("arn:aws:states:::dynamodb:updateItem", """{ "TableName": "t", "Key": { "pk": { "S": "a" } }, "ReturnValues": "ALL" }"""));

        // Assert
        Assert.NotNull(refusal);
        Assert.Equal("DynamoDB.AmazonDynamoDBException", refusal.Error);
        Assert.StartsWith("1 validation error detected: Value 'ALL' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW]",
            refusal.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_PublishWithoutMessage_SnsInvalidParameterException()
    {
        // Act
        var refusal = ApiModelCheck.Refusal(Call("arn:aws:states:::sns:publish", """{ "TopicArn": "arn:aws:sns:us-east-1:123456789012:t" }"""));

        // Assert
        Assert.NotNull(refusal);
        Assert.Equal("SNS.InvalidParameterException", refusal.Error);
        Assert.EndsWith($"(Service: AmazonSNS; Status Code: 400; Error Code: InvalidParameter; Request ID: {RequestId}; Proxy: null)", refusal.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_PublishWithJsonMessage_Accepted()
    {
        // Act
        var refusal = ApiModelCheck.Refusal(Call("arn:aws:states:::sns:publish.waitForTaskToken",
            """{ "TopicArn": "arn:aws:sns:us-east-1:123456789012:t", "Message": { "taskToken": "t" }, "Subject": "s" }"""));

        // Assert
        Assert.Null(refusal);
    }

    [Theory]
    [InlineData("""{ "MetricData": [] }""", "CloudWatch.MissingRequiredParameterException")]
    [InlineData("""{ "Namespace": "N", "MetricData": [ { "MetricName": "m", "Unit": "Percentage", "Value": 1 } ] }""", "CloudWatch.InvalidParameterValueException")]
    public void Refusal_PutMetricData_TheOperationsModeledValidationErrors(string input, string error)
    {
        // Act
        var refusal = ApiModelCheck.Refusal(Call("arn:aws:states:::aws-sdk:cloudwatch:putMetricData", input));

        // Assert
        Assert.NotNull(refusal);
        Assert.Equal(error, refusal.Error);
        Assert.Contains(ServiceErrors.All("aws-sdk:cloudwatch"), name => name == error);
    }

    [Fact]
    public void Refusal_StartExecutionWithoutStateMachineArn_StepFunctionsValidationException()
    {
        // Act
        var refusal = ApiModelCheck.Refusal(Call("arn:aws:states:::states:startExecution.sync:2", """{ "Input": { "color": "blue" } }"""));

        // Assert
        Assert.NotNull(refusal);
        Assert.Equal("StepFunctions.ValidationException", refusal.Error);
        Assert.StartsWith("1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null (Service: AWSStepFunctions; ",
            refusal.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_StartExecutionWithJsonInputAndParentId_Accepted()
    {
        // The optimized integration takes Input as JSON, with the parent's execution id as the documented
        // AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.
        // Act
        var refusal = ApiModelCheck.Refusal(Call("arn:aws:states:::states:startExecution.sync:2",
            """{ "StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:x", "Input": { "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID": "arn:x" } }"""));

        // Assert
        Assert.Null(refusal);
    }
}
