using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation.ApiModels;

namespace Deploy.Rehearsal.Tests.Simulation.ApiModels;

public class ApiModelCheckTests
{
    private static TaskCall Call(string resource) => new() { RunId = 1, TaskId = 1, StateName = "ReadWeights", Resource = resource };

    private static JsonObject Definition(string states) => JsonNode.Parse($$"""{ "StartAt": "A", "States": {{states}} }""")!.AsObject();

    [Fact]
    public void CheckResult_ResultAsAwsAnswersIt_Passes()
    {
        // Arrange
        var outcome = TaskOutcome.Success(JsonNode.Parse("""
            { "Rules": [ { "RuleArn": "r", "Priority": "100", "Actions": [ { "Type": "forward", "ForwardConfig": { "TargetGroups": [ { "TargetGroupArn": "t", "Weight": 100 } ] } } ] } ] }
            """));

        // Act
        var error = Record.Exception(() => ApiModelCheck.CheckResult(Call("arn:aws:states:::aws-sdk:elasticloadbalancingv2:describeRules"), outcome));

        // Assert
        Assert.Null(error);
    }

    [Fact]
    public void CheckResult_MemberAwsNeverAnswers_ThrowsNamingOperationAndPath()
    {
        // Arrange
        var outcome = TaskOutcome.Success(JsonNode.Parse("""{ "Rules": [ { "RuleArn": "r", "Weights": { "blue": 100 } } ] }"""));

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => ApiModelCheck.CheckResult(Call("arn:aws:states:::aws-sdk:elasticloadbalancingv2:describeRules"), outcome));

        // Assert
        Assert.StartsWith("The simulated elbv2 DescribeRules result of state 'ReadWeights' does not fit the AWS API model (botocore elbv2 2015-12-01), "
            + "so AWS would never answer it: Rules[0].Weights: The field \"Weights\" is not supported.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckResult_WrongTypeInResult_Throws()
    {
        // Arrange
        var outcome = TaskOutcome.Success(JsonNode.Parse("""{ "LaunchTemplateVersion": { "VersionNumber": "2" } }"""));

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => ApiModelCheck.CheckResult(Call("arn:aws:states:::aws-sdk:ec2:createLaunchTemplateVersion"), outcome));

        // Assert
        Assert.Contains("LaunchTemplateVersion.VersionNumber: Member must be a long, not a JSON string (got 2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckResult_CallbackResultOrFailure_NotAnApiResponse()
    {
        // Arrange
        var callback = TaskOutcome.Success(JsonNode.Parse("""{ "approvedBy": "operator" }"""));
        var failure = TaskOutcome.Failure("SNS.InternalErrorException", "boom");

        // Act
        var errors = new[]
        {
            Record.Exception(() => ApiModelCheck.CheckResult(Call("arn:aws:states:::sns:publish.waitForTaskToken"), callback)),
            Record.Exception(() => ApiModelCheck.CheckResult(Call("arn:aws:states:::sns:publish"), failure)),
        };

        // Assert
        Assert.All(errors, Assert.Null);
    }

    [Fact]
    public void CheckResult_Sync2ResultWithParsedOutput_Passes()
    {
        // Arrange
        var outcome = TaskOutcome.Success(JsonNode.Parse("""
            { "ExecutionArn": "e", "StateMachineArn": "s", "Status": "SUCCEEDED", "StartDate": "2026-01-01T00:00:00.000Z", "Output": { "status": "Healthy" } }
            """));

        // Act
        var error = Record.Exception(() => ApiModelCheck.CheckResult(Call("arn:aws:states:::states:startExecution.sync:2"), outcome));

        // Assert
        Assert.Null(error);
    }

    [Fact]
    public void CheckDefinition_StaticFieldTheApiDoesNotHave_SchemaValidationFailedAtItsParameters()
    {
        // Arrange
        var definition = Definition("""
            { "A": { "Type": "Parallel", "End": true, "Branches": [ { "StartAt": "B", "States": {
              "B": { "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:elasticloadbalancingv2:modifyRule", "End": true,
                     "Parameters": { "RuleArn": "r", "Actions": [ { "Type": "forward", "ForwardConfig": { "TargetGroups": [ { "TargetGroupArn": "t", "Wieght": 1 } ] } } ] } } } } ] } }
            """);

        // Act
        var findings = ApiModelCheck.CheckDefinition(definition);

        // Assert
        Assert.Equal(["SCHEMA_VALIDATION_FAILED: The field \"Wieght\" is not supported by Step Functions at /States/A/Branches/0/States/B/Parameters"], findings);
    }

    [Fact]
    public void CheckDefinition_PathFieldTheApiDoesNotHave_Refused()
    {
        // Arrange
        var definition = Definition("""
            { "A": { "Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem", "End": true,
                     "Parameters": { "TableName": "t", "Key.$": "$.key", "Consistent.$": "$.read" } } }
            """);

        // Act
        var findings = ApiModelCheck.CheckDefinition(definition);

        // Assert
        Assert.Equal(["SCHEMA_VALIDATION_FAILED: The field \"Consistent\" is not supported by Step Functions at /States/A/Parameters"], findings);
    }

    [Fact]
    public void CheckDefinition_CompliantStaticAndJsonParameters_NoFinding()
    {
        // Arrange
        var definition = Definition("""
            { "A": { "Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Next": "B",
                     "Parameters": { "TopicArn": "t", "Message": { "anything": { "goes": true } } } },
              "B": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": true, "Parameters": { "free": 1 } } }
            """);

        // Act
        var findings = ApiModelCheck.CheckDefinition(definition);

        // Assert
        Assert.Empty(findings);
    }

    [Fact]
    public void ThrowIfInvalid_Findings_RehearsalExceptionListingThem()
    {
        // Arrange
        var definition = Definition("""
            { "A": { "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:autoscaling:updateAutoScalingGroup", "End": true,
                     "Parameters": { "AutoScalingGroupName": "g", "Desired": 0 } } }
            """);

        // Act
        var error = Assert.Throws<RehearsalException>(() => ApiModelCheck.ThrowIfInvalid("PipelineDeploy", definition));

        // Assert
        Assert.Equal("Invalid State Machine Definition of PipelineDeploy (CreateStateMachine would refuse it): "
            + "SCHEMA_VALIDATION_FAILED: The field \"Desired\" is not supported by Step Functions at /States/A/Parameters", error.Message);
    }
}
