using Deploy.Contracts;

namespace Deploy.Rehearsal.Authorization;

/// <summary>
/// The error a denied call ends its Task with: the error AWS returns, named as Step Functions surfaces it
/// (<see cref="ServiceErrors"/>), with AWS's message in the cause.
/// </summary>
/// <remarks>
/// <para>The message is IAM's ("Troubleshoot access denied error messages", IAM user guide): <c>User: &lt;session&gt; is not
/// authorized to perform: &lt;action&gt; on resource: &lt;arn&gt; because no identity-based policy allows the &lt;action&gt; action</c>,
/// or <c>… with an explicit deny in an identity-based policy</c> (reported verbatim, for example
/// aws-samples/aws-serverless-workshop-innovator-island#97 for dynamodb:PutItem).</para>
/// <para>aws-sdk integrations: no service the flows call models its access-denied error (botocore: no AccessDenied shape in
/// elbv2, autoscaling, ec2 or cloudwatch), so it arrives as the generic <c>Service.ServiceException</c> with the SDK's message,
/// <c>"&lt;message&gt; (Service: Ec2, Status Code: 503, Request ID: …)"</c> (reported: CloudSnorkel/cdk-github-runners#192).
/// Optimized integrations use the SDK for Java 1.x form, <c>"&lt;message&gt; (Service: AmazonDynamoDBv2; Status Code: 400; Error
/// Code: AccessDeniedException; Request ID: …; Proxy: null)"</c> (emulated so by LocalStack's DynamoDB task; reported for SNS's
/// KMSAccessDenied in aws/aws-cdk#24337).</para>
/// </remarks>
public static class AccessDenied
{
    /// <summary>The failure of a Task through <paramref name="integration"/> whose <paramref name="check"/> was denied.</summary>
    /// <param name="integration">The Task's integration (<see cref="ServiceErrors.IntegrationOf"/>).</param>
    /// <param name="check">The first permission IAM denied.</param>
    /// <param name="decision">How it was denied.</param>
    /// <param name="role">The role the Task ran as.</param>
    /// <param name="requestId">The request id to quote.</param>
    public static TaskOutcome Outcome(string integration, PermissionCheck check, PolicyDecision decision, RolePolicies role, string requestId)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(role);
        var request = check.Request;
        var message = Message(role.SessionArn, request.Action, request.Resource, decision);
        return (integration, check.Purpose) switch
        {
            // Auto Scaling checks the launch permissions itself and answers with its own message, code AccessDenied (reported:
            // "An error occurred (AccessDenied) when calling the UpdateAutoScalingGroup operation: You are not authorized to use launch
            // template: lt-…", ansible-collections/community.aws#831, aws-samples/ec2-auto-scaling-instance-refresh-sample#7; EC2 Auto
            // Scaling troubleshooting, "You are not authorized to use launch template").
            ("aws-sdk:autoscaling", PermissionPurpose.LaunchTemplateUse) => Generic(integration,
                $"You are not authorized to use launch template: {check.Subject}", "AutoScaling", 403, requestId),
            ("aws-sdk:ec2", _) => Generic(integration,
                $"You are not authorized to perform this operation. {message}. Encoded authorization failure message: rehearsal-{requestId}", "Ec2", 403, requestId),
            ("aws-sdk:elasticloadbalancingv2", _) => Generic(integration, message, "ElasticLoadBalancingV2", 403, requestId),
            ("aws-sdk:autoscaling", _) => Generic(integration, message, "AutoScaling", 403, requestId),
            ("aws-sdk:cloudwatch", _) => Generic(integration, message, "CloudWatch", 403, requestId),
            // Step Functions models no access-denied error (botocore stepfunctions): the SDK client Sfn's generic exception;
            // the Step Functions API answers AccessDeniedException with HTTP 400.
            ("aws-sdk:sfn", _) => Generic(integration, message, "Sfn", 400, requestId),

            // DynamoDB models no AccessDeniedException (botocore dynamodb): the optimized integration surfaces it as
            // DynamoDB.AmazonDynamoDBException, as it does every unmodeled error (AWS sample "Controlling concurrency in
            // distributed systems": a ValidationException "will fail with DynamoDB.AmazonDynamoDBException").
            ("dynamodb", _) => Java1(ServiceErrors.Generic(integration), message, "AmazonDynamoDBv2", 400, "AccessDeniedException", requestId),

            // SNS models both: AuthorizationError (403) for sns:Publish, KMSAccessDenied (400) for the topic's key, whose message is KMS's
            // (SNS API reference, Publish errors; reported in aws/aws-cdk#24337).
            ("sns", PermissionPurpose.TopicKey) => TaskOutcome.Failure(ServiceErrors.Modeled(integration, "KMSAccessDenied"),
                "The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access. "
                + $"(Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID: {requestId}; Proxy: null)"),
            ("sns", _) => Java1(ServiceErrors.Modeled(integration, "AuthorizationError"), message.Replace(": sns:", ": SNS:", StringComparison.Ordinal)
                .Replace(" the sns:", " the SNS:", StringComparison.Ordinal), "AmazonSNS", 403, "AuthorizationError", requestId),

            // Lambda and Step Functions model no access-denied error either (botocore lambda, stepfunctions): their generic exception.
            // For a nested execution's DescribeExecution/StopExecution and the EventBridge rule we assume the same (no documented name).
            ("lambda", _) => Java1(ServiceErrors.Generic(integration), message, "AWSLambda", 403, "AccessDeniedException", requestId),
            ("states", _) => Java1(ServiceErrors.Generic(integration), message, "AWSStepFunctions", 400, "AccessDeniedException", requestId),
            _ => throw new NotSupportedException($"No access-denied error is known for {integration}."),
        };
    }

    /// <summary>IAM's access-denied message (it omits "on resource" for an action without resource-level permissions).</summary>
    public static string Message(string principal, string action, string resource, PolicyDecision decision)
    {
        var on = resource == "*" ? string.Empty : $" on resource: {resource}";
        return decision == PolicyDecision.ExplicitlyDenied
            ? $"User: {principal} is not authorized to perform: {action}{on} with an explicit deny in an identity-based policy"
            : $"User: {principal} is not authorized to perform: {action}{on} because no identity-based policy allows the {action} action";
    }

    private static TaskOutcome Generic(string integration, string message, string service, int status, string requestId) =>
        TaskOutcome.Failure(ServiceErrors.Generic(integration), $"{message} (Service: {service}, Status Code: {status}, Request ID: {requestId})");

    private static TaskOutcome Java1(string error, string message, string service, int status, string code, string requestId) =>
        TaskOutcome.Failure(error, $"{message} (Service: {service}; Status Code: {status}; Error Code: {code}; Request ID: {requestId}; Proxy: null)");
}
