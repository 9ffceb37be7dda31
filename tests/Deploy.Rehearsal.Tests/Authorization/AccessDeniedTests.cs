using Deploy.Rehearsal.Authorization;

namespace Deploy.Rehearsal.Tests.Authorization;

public sealed class AccessDeniedTests
{
    private const string Session = "arn:aws:sts::123456789012:assumed-role/Role/rehearsal";
    private static readonly RolePolicies Role = Policies.Role();

    private static TaskOutcome Outcome(string integration, AuthorizationRequest request, PermissionPurpose purpose = PermissionPurpose.Call,
        PolicyDecision decision = PolicyDecision.ImplicitlyDenied, string? subject = null) =>
        AccessDenied.Outcome(integration, new PermissionCheck(request, purpose, subject), decision, Role, "req-1");

    [Fact]
    public void Outcome_LaunchFromTemplateDenied_AutoScalingsGenericExceptionNamingTheLaunchTemplate()
    {
        var outcome = Outcome("aws-sdk:autoscaling", Policies.Request("ec2:RunInstances", "arn:aws:ec2:us-east-1:123456789012:instance/*"),
            PermissionPurpose.LaunchTemplateUse, subject: "lt-0123456789abcdef0");

        Assert.Equal("AutoScaling.AutoScalingException", outcome.Error);
        Assert.Equal("You are not authorized to use launch template: lt-0123456789abcdef0 (Service: AutoScaling, Status Code: 403, Request ID: req-1)", outcome.Cause);
    }

    [Fact]
    public void Outcome_ModifyRuleDenied_ElbGenericExceptionWithIamsMessage()
    {
        var outcome = Outcome("aws-sdk:elasticloadbalancingv2", Policies.Request("elasticloadbalancing:ModifyRule", "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/lb/1/2/3"));

        Assert.Equal("ElasticLoadBalancingV2.ElasticLoadBalancingV2Exception", outcome.Error);
        Assert.Equal($"User: {Session} is not authorized to perform: elasticloadbalancing:ModifyRule on resource: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/lb/1/2/3 "
            + "because no identity-based policy allows the elasticloadbalancing:ModifyRule action (Service: ElasticLoadBalancingV2, Status Code: 403, Request ID: req-1)", outcome.Cause);
    }

    [Fact]
    public void Outcome_ExplicitDenyOfAnActionWithoutResources_MessageWithoutResourceAndWithTheExplicitDeny()
    {
        var outcome = Outcome("aws-sdk:cloudwatch", Policies.Request("cloudwatch:PutMetricData", "*"), decision: PolicyDecision.ExplicitlyDenied);

        Assert.Equal("CloudWatch.CloudWatchException", outcome.Error);
        Assert.StartsWith($"User: {Session} is not authorized to perform: cloudwatch:PutMetricData with an explicit deny in an identity-based policy (Service: CloudWatch",
            outcome.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Outcome_CreateLaunchTemplateVersionDenied_Ec2GenericExceptionWithUnauthorizedOperationsMessage()
    {
        var outcome = Outcome("aws-sdk:ec2", Policies.Request("ec2:CreateLaunchTemplateVersion", "arn:aws:ec2:us-east-1:123456789012:launch-template/lt-1"));

        Assert.Equal("Ec2.Ec2Exception", outcome.Error);
        Assert.StartsWith("You are not authorized to perform this operation. User: ", outcome.Cause, StringComparison.Ordinal);
        Assert.EndsWith("(Service: Ec2, Status Code: 403, Request ID: req-1)", outcome.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Outcome_DynamoDbDenied_AmazonDynamoDbExceptionWithAccessDeniedExceptionInTheCause()
    {
        var outcome = Outcome("dynamodb", Policies.Request("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/T"));

        Assert.Equal("DynamoDB.AmazonDynamoDBException", outcome.Error);
        Assert.EndsWith("because no identity-based policy allows the dynamodb:GetItem action (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: AccessDeniedException; Request ID: req-1; Proxy: null)",
            outcome.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Outcome_PublishDenied_SnsAuthorizationError()
    {
        var outcome = Outcome("sns", Policies.Request("sns:Publish", Policies.TopicArn));

        Assert.Equal("SNS.AuthorizationErrorException", outcome.Error);
        Assert.Contains("is not authorized to perform: SNS:Publish on resource: " + Policies.TopicArn, outcome.Cause, StringComparison.Ordinal);
        Assert.Contains("Error Code: AuthorizationError", outcome.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Outcome_TopicKeyDenied_SnsKmsAccessDenied()
    {
        var outcome = Outcome("sns", Policies.Request("kms:GenerateDataKey", Policies.KeyArn), PermissionPurpose.TopicKey);

        Assert.Equal("SNS.KMSAccessDeniedException", outcome.Error);
        Assert.Contains("(Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException", outcome.Cause, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lambda", "lambda:InvokeFunction", "arn:aws:lambda:us-east-1:123456789012:function:F", "Lambda.AWSLambdaException")]
    [InlineData("states", "states:StartExecution", "arn:aws:states:us-east-1:123456789012:stateMachine:M", "StepFunctions.AWSStepFunctionsException")]
    public void Outcome_OptimizedIntegrationDenied_ItsGenericException(string integration, string action, string resource, string error) =>
        Assert.Equal(error, Outcome(integration, Policies.Request(action, resource)).Error);
}
