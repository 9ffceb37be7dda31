namespace Deploy.Contracts;

/// <summary>
/// The one table of AWS error names as Step Functions surfaces them to a Task's <c>Retry</c> and <c>Catch</c>: the
/// flows' retriers are built from it and the simulated world's fault injection raises from it, so no retrier names an
/// error that can never be produced.
/// </summary>
/// <remarks>
/// <para>AWS SDK integrations (<c>arn:aws:states:::aws-sdk:&lt;service&gt;:&lt;action&gt;</c>) name an error
/// <c>ServiceName.ErrorName</c>, both PascalCase, with the <c>Exception</c> suffix always added
/// (<see href="https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html">Learning to use
/// AWS service SDK integrations</see>). An error the service does not model — throttling (<c>Throttling</c>,
/// <c>RequestLimitExceeded</c>), <c>ServiceUnavailable</c>, any 5xx — arrives as the SDK's generic
/// <c>ServiceName.ServiceNameException</c>, with the code and message in the cause (reported:
/// <c>Ec2.Ec2Exception: Request limit exceeded</c>, CloudSnorkel/cdk-github-runners#946).</para>
/// <para>Optimized integrations have their own prefixes (<c>DynamoDB</c>, <c>SNS</c>, <c>StepFunctions</c>,
/// <c>Lambda</c>) and surface the errors the service models under them
/// (<see href="https://docs.aws.amazon.com/step-functions/latest/dg/connect-ddb.html">DynamoDB</see>,
/// <see href="https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html">Lambda</see>).</para>
/// <para>Modeled names are the botocore model's error shapes for the operations the flows call (botocore 1.43).</para>
/// </remarks>
public static class ServiceErrors
{
    /// <summary>The error Step Functions raises when a Task exceeds its <c>TimeoutSeconds</c> (documented in ASL).</summary>
    public const string TaskTimeout = "States.Timeout";

    /// <summary>
    /// The error of a Task whose heartbeat did not arrive within <c>HeartbeatSeconds</c>
    /// (<see href="https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html">Step Functions error names</see>).
    /// </summary>
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";

    /// <summary>The error of a Task that failed during its execution, e.g. a child execution (<c>states:startExecution.sync</c>) that failed.</summary>
    public const string TaskFailed = "States.TaskFailed";

    /// <summary>The error of a runtime failure Step Functions cannot retry, e.g. Parameters that cannot start the Task.</summary>
    public const string Runtime = "States.Runtime";

    private static readonly Dictionary<string, Service> Services = new(StringComparer.Ordinal)
    {
        // aws-sdk integrations: errors the flows' calls can meet. Throttling and 5xx are not modeled by these
        // services' APIs, so they arrive as the generic exception.
        ["aws-sdk:elasticloadbalancingv2"] = new("ElasticLoadBalancingV2", "ElasticLoadBalancingV2.ElasticLoadBalancingV2Exception",
            Transient: [],
            Permanent: ["RuleNotFoundException", "TargetGroupNotFoundException", "ListenerNotFoundException", "OperationNotPermittedException",
                "InvalidLoadBalancerActionException", "TooManyActionsException", "IncompatibleProtocolsException", "PriorityInUseException"]),
        ["aws-sdk:autoscaling"] = new("AutoScaling", "AutoScaling.AutoScalingException",
            Transient: ["ResourceContentionException", "ScalingActivityInProgressException"],
            Permanent: ["ServiceLinkedRoleFailureException"]),
        ["aws-sdk:ec2"] = new("Ec2", "Ec2.Ec2Exception", Transient: [], Permanent: []),
        ["aws-sdk:cloudwatch"] = new("CloudWatch", "CloudWatch.CloudWatchException",
            Transient: ["InternalServiceException"],
            Permanent: ["InvalidParameterValueException", "MissingRequiredParameterException", "InvalidParameterCombinationException"]),
        // Step Functions through the aws-sdk integration (arn:aws:states:::aws-sdk:sfn:…), named after the SDK client Sfn
        // (emulated so by moto's and LocalStack's interpreters): DescribeExecution's modeled errors.
        ["aws-sdk:sfn"] = new("Sfn", "Sfn.SfnException",
            Transient: ["KmsThrottlingException"],
            Permanent: ["ExecutionDoesNotExistException", "InvalidArnException", "KmsAccessDeniedException", "KmsInvalidStateException"]),
        // Optimized integrations.
        ["dynamodb"] = new("DynamoDB", "DynamoDB.AmazonDynamoDBException",
            Transient: ["ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceededException", "InternalServerErrorException",
                "TransactionConflictException"],
            Permanent: ["ConditionalCheckFailedException", "ResourceNotFoundException", "ItemCollectionSizeLimitExceededException"]),
        ["sns"] = new("SNS", "SNS.AmazonSNSException",
            // ThrottledException is modeled by SNS (not on Publish's error list, but the SDK maps codes service-wide).
            Transient: ["ThrottledException", "InternalErrorException", "KMSThrottlingException"],
            Permanent: ["AuthorizationErrorException", "InvalidParameterException", "InvalidParameterValueException", "NotFoundException",
                "KMSDisabledException", "KMSInvalidStateException", "KMSNotFoundException", "KMSAccessDeniedException"]),
        ["states"] = new("StepFunctions", "StepFunctions.AWSStepFunctionsException",
            Transient: ["ExecutionLimitExceededException", "KmsThrottlingException"],
            Permanent: ["ExecutionAlreadyExistsException", "InvalidArnException", "InvalidExecutionInputException", "StateMachineDoesNotExistException"]),
        // Documented list (Lambda optimized integration).
        ["lambda"] = new("Lambda", "Lambda.AWSLambdaException",
            Transient: ["ServiceException", "SdkClientException", "TooManyRequestsException"],
            Permanent: ["ResourceNotFoundException", "InvalidRequestContentException"]),
    };

    /// <summary>The integrations the table knows, as <c>aws-sdk:&lt;service&gt;</c> or the optimized service name.</summary>
    public static IReadOnlyCollection<string> Integrations => Services.Keys;

    /// <summary>The error-name prefix of an integration (<c>aws-sdk:ec2</c> → <c>Ec2</c>, <c>dynamodb</c> → <c>DynamoDB</c>).</summary>
    public static string Prefix(string integration) => Lookup(integration).Prefix;

    /// <summary>
    /// The error an unmodeled failure (throttling, <c>ServiceUnavailable</c>, 5xx, and the aws-sdk services' validation
    /// and authorization errors) arrives as: <c>ElasticLoadBalancingV2.ElasticLoadBalancingV2Exception</c>, …
    /// </summary>
    public static string Generic(string integration) => Lookup(integration).Generic;

    /// <summary>A modeled error of the integration by its botocore code (<c>Fault</c> → <c>Exception</c>; the suffix always added).</summary>
    public static string Modeled(string integration, string code)
    {
        var name = code.EndsWith("Fault", StringComparison.Ordinal) ? code[..^"Fault".Length] + "Exception"
            : code.EndsWith("Exception", StringComparison.Ordinal) ? code : code + "Exception";
        return $"{Prefix(integration)}.{name}";
    }

    /// <summary>
    /// A name from the table: <paramref name="error"/> (<c>RuleNotFoundException</c>) of <paramref name="integration"/>
    /// (<c>aws-sdk:elasticloadbalancingv2</c>) → <c>ElasticLoadBalancingV2.RuleNotFoundException</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The table lists no such error for the integration.</exception>
    public static string Name(string integration, string error)
    {
        var service = Lookup(integration);
        return service.Transient.Contains(error, StringComparer.Ordinal) || service.Permanent.Contains(error, StringComparer.Ordinal)
            ? $"{service.Prefix}.{error}"
            : throw new ArgumentOutOfRangeException(nameof(error), error,
                $"The error table lists no {error} for {integration}; listed: {string.Join(", ", service.Transient.Concat(service.Permanent))}.");
    }

    /// <summary>
    /// The names worth retrying on a call through <paramref name="integration"/>: its modeled transient errors, its generic
    /// exception (throttling and 5xx; an aws-sdk service's validation errors share the name, so a bounded retry is spent on
    /// them too) and <c>States.Timeout</c>.
    /// </summary>
    public static IReadOnlyList<string> Transient(string integration)
    {
        var service = Lookup(integration);
        return [.. service.Transient.Select(e => $"{service.Prefix}.{e}"), service.Generic, TaskTimeout];
    }

    /// <summary>The modeled errors of <paramref name="integration"/> that no retry can cure (a missing resource, a refused condition, …).</summary>
    public static IReadOnlyList<string> Permanent(string integration)
    {
        var service = Lookup(integration);
        return [.. service.Permanent.Select(e => $"{service.Prefix}.{e}")];
    }

    /// <summary>What a throttled call arrives as: modeled by DynamoDB, SNS and Lambda, the generic exception elsewhere.</summary>
    public static string Throttled(string integration) => integration switch
    {
        "dynamodb" => "DynamoDB.ThrottlingException",
        "sns" => "SNS.ThrottledException",
        "lambda" => "Lambda.TooManyRequestsException",
        _ => Generic(integration),
    };

    /// <summary>What a 5xx arrives as: modeled by DynamoDB, SNS and Lambda, the generic exception elsewhere.</summary>
    public static string ServerError(string integration) => integration switch
    {
        "dynamodb" => "DynamoDB.InternalServerErrorException",
        "sns" => "SNS.InternalErrorException",
        "lambda" => "Lambda.ServiceException",
        _ => Generic(integration),
    };

    /// <summary>What a call the caller is not authorized for arrives as: modeled by SNS only, the generic exception elsewhere.</summary>
    public static string AccessDenied(string integration) => integration switch
    {
        "sns" => "SNS.AuthorizationErrorException",
        _ => Generic(integration),
    };

    /// <summary>Every name the table can produce for <paramref name="integration"/>.</summary>
    public static IReadOnlyList<string> All(string integration) => [.. Transient(integration), .. Permanent(integration)];

    /// <summary>The integration of a Task resource: <c>arn:aws:states:::aws-sdk:ec2:createLaunchTemplateVersion</c> → <c>aws-sdk:ec2</c>,
    /// <c>arn:aws:states:::dynamodb:updateItem</c> → <c>dynamodb</c>, a Lambda function ARN or <c>lambda:invoke</c> → <c>lambda</c>.</summary>
    public static string IntegrationOf(string resource)
    {
        var at = resource.IndexOf(":::", StringComparison.Ordinal);
        if (at < 0)
        {
            return "lambda";
        }

        var segments = resource[(at + 3)..].Split(':');
        return segments[0] == "aws-sdk" ? $"aws-sdk:{segments[1]}" : segments[0];
    }

    private static Service Lookup(string integration) =>
        Services.TryGetValue(integration, out var service)
            ? service
            : throw new ArgumentOutOfRangeException(nameof(integration), integration,
                $"No error names are known for this integration; known: {string.Join(", ", Services.Keys)}.");

    private sealed record Service(string Prefix, string Generic, string[] Transient, string[] Permanent);
}
