using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;

using Timeout = Amazon.CDK.AWS.StepFunctions.Timeout;

namespace Deploy.Constructs.Internal;

/// <summary>
/// Task states with the project's resilience rules applied once: every Task has a timeout, and retries
/// throttling and transient errors with exponential backoff and full jitter. Other errors (access denied,
/// validation) fail at once so that they are caught and reported, never retried silently.
/// </summary>
internal static class FlowTasks
{
    public static readonly Duration TaskTimeout = Duration.Seconds(30);

    private static readonly string[] TransientErrorNames =
    {
        "ThrottlingException", "TooManyRequestsException", "RequestLimitExceededException",
        "ServiceUnavailableException", "InternalFailureException", "InternalErrorException",
    };

    /// <summary>Error-name prefix Step Functions uses for each service's SDK errors (<c>ServiceName.ErrorName</c>).</summary>
    public static string ErrorPrefix(string service) => service switch
    {
        "elasticloadbalancingv2" => "ElasticLoadBalancingV2",
        "autoscaling" => "AutoScaling",
        "ec2" => "Ec2",
        "cloudwatch" => "CloudWatch",
        "dynamodb" => "DynamoDb",
        "sns" => "Sns",
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "no error prefix known"),
    };

    /// <summary>An <c>aws-sdk</c> integration with an explicit IAM action and resources (CDK derives some wrongly).</summary>
    public static CallAwsService Aws(Construct scope, string id, string service, string action, string iamAction,
        string[] iamResources, IDictionary<string, object> parameters, string? resultPath = null,
        IDictionary<string, object>? resultSelector = null, string? comment = null)
    {
        var task = new CallAwsService(scope, id, new CallAwsServiceProps
        {
            Service = service,
            Action = action,
            IamAction = iamAction,
            IamResources = iamResources,
            Parameters = parameters,
            ResultPath = resultPath,
            ResultSelector = resultSelector,
            TaskTimeout = Timeout.Duration(TaskTimeout),
            Comment = comment,
        });
        return WithRetries(task, ErrorPrefix(service));
    }

    public static T WithRetries<T>(T task, string errorPrefix)
        where T : TaskStateBase
    {
        task.AddRetry(new RetryProps
        {
            Errors = TransientErrorNames.Select(e => $"{errorPrefix}.{e}").Append(Errors.TIMEOUT).ToArray(),
            Interval = Duration.Seconds(1),
            BackoffRate = 2,
            MaxAttempts = 4,
            MaxDelay = Duration.Seconds(20),
            JitterStrategy = JitterType.FULL,
        });
        return task;
    }

    /// <summary>A decision handler called with its payload only, so the result is the handler's JSON itself.</summary>
    public static LambdaInvoke Decide(Construct scope, string id, Amazon.CDK.AWS.Lambda.IFunction function,
        IDictionary<string, object> payload, string resultPath)
    {
        var task = new LambdaInvoke(scope, id, new LambdaInvokeProps
        {
            LambdaFunction = function,
            Payload = TaskInput.FromObject(payload),
            PayloadResponseOnly = true,
            RetryOnServiceExceptions = false,
            ResultPath = resultPath,
            TaskTimeout = Timeout.Duration(TaskTimeout),
        });
        task.AddRetry(new RetryProps
        {
            Errors = new[] { "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException", Errors.TIMEOUT },
            Interval = Duration.Seconds(1),
            BackoffRate = 2,
            MaxAttempts = 4,
            MaxDelay = Duration.Seconds(20),
            JitterStrategy = JitterType.FULL,
        });
        return task;
    }

    /// <summary>A statement for an API that has no resource-level permissions: its resource can only be <c>*</c>.</summary>
    public static PolicyStatement Unscoped(params string[] actions) =>
        new(new PolicyStatementProps { Actions = actions, Resources = new[] { "*" } });
}
