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
        // DynamoDB's names for throttling and transient server errors.
        "ProvisionedThroughputExceededException", "InternalServerErrorException",
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
        task.AddRetry(TransientRetry(errorPrefix));
        return task;
    }

    /// <summary>Exponential backoff with full jitter on throttling, transient service errors and task timeouts.</summary>
    public static RetryProps TransientRetry(string errorPrefix) => new()
    {
        Errors = TransientErrorNames.Select(e => $"{errorPrefix}.{e}").Append(Errors.TIMEOUT).ToArray(),
        Interval = Duration.Seconds(1),
        BackoffRate = 2,
        MaxAttempts = 4,
        MaxDelay = Duration.Seconds(20),
        JitterStrategy = JitterType.FULL,
    };

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
        var retry = TransientRetry("Lambda");
        retry.Errors = new[] { "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException", Errors.TIMEOUT };
        task.AddRetry(retry);
        return task;
    }

    /// <summary>
    /// A step whose failure must not change the outcome (a notification, a metric, bookkeeping after the
    /// decision): it continues to <paramref name="next"/> whether it succeeds or not.
    /// </summary>
    public static IChainable BestEffort(State state, IChainable next)
    {
        CatchAll(state, next, "$.bestEffortFailure");
        switch (state)
        {
            case TaskStateBase task:
                task.Next(next);
                break;
            case CustomState custom:
                custom.Next(next);
                break;
            default:
                throw new ArgumentException($"{state.Id} cannot continue.", nameof(state));
        }

        return state;
    }

    /// <summary>Catches every error of a task (SDK integration or custom task state) into <paramref name="handler"/>.</summary>
    public static void CatchAll(State state, IChainable handler, string resultPath)
    {
        var props = new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = resultPath };
        switch (state)
        {
            case TaskStateBase task:
                task.AddCatch(handler, props);
                break;
            case CustomState custom:
                custom.AddCatch(handler, props);
                break;
            default:
                throw new ArgumentException($"{state.Id} cannot catch errors.", nameof(state));
        }
    }

    /// <summary>A statement for an API that has no resource-level permissions: its resource can only be <c>*</c>.</summary>
    public static PolicyStatement Unscoped(params string[] actions) =>
        new(new PolicyStatementProps { Actions = actions, Resources = new[] { "*" } });
}
