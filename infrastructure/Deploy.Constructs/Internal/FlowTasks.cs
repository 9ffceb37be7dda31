using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;

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

    /// <summary>The integration of an <c>aws-sdk</c> service in <see cref="ServiceErrors"/> (<c>ec2</c> → <c>aws-sdk:ec2</c>).</summary>
    public static string AwsSdk(string service) => $"aws-sdk:{service}";

    /// <summary>An <c>aws-sdk</c> integration with an explicit IAM action and resources (CDK derives some wrongly).</summary>
    public static CallAwsService Aws(Construct scope, string id, AwsCall call)
    {
        var task = new CallAwsService(scope, id, new CallAwsServiceProps
        {
            Service = call.Service,
            Action = call.Action,
            IamAction = call.IamAction,
            IamResources = call.IamResources,
            Parameters = call.Parameters,
            ResultPath = call.ResultPath,
            ResultSelector = call.ResultSelector,
            TaskTimeout = Timeout.Duration(TaskTimeout),
            Comment = call.Comment,
            AdditionalIamStatements = call.AdditionalStatements,
        });
        return call.PersistentRetries ? WithPersistentRetries(task, AwsSdk(call.Service)) : WithRetries(task, AwsSdk(call.Service));
    }

    /// <summary>Adds the transient-error retrier of <paramref name="integration"/> (a <see cref="ServiceErrors"/> integration).</summary>
    public static T WithRetries<T>(T task, string integration)
        where T : TaskStateBase
    {
        task.AddRetry(TransientRetry(integration));
        return task;
    }

    /// <summary>
    /// Exponential backoff with full jitter on the errors of <paramref name="integration"/> a retry can cure: its modeled
    /// transient errors, its generic exception (throttling and 5xx arrive as that) and task timeouts — names taken from
    /// <see cref="ServiceErrors"/>, so every one can be produced.
    /// </summary>
    public static RetryProps TransientRetry(string integration) => Backoff(ServiceErrors.Transient(integration).ToArray(), maxAttempts: 4);

    /// <summary>
    /// The retriers of a call that must not fail during an incident (the restore <c>ModifyRule</c>s): the known permanent
    /// errors are not retried (a retrier with no attempts, so they fall through to the Catch at once), every other error
    /// is, with backoff — throttling, 5xx and timeouts all arrive under names one cannot list in advance.
    /// </summary>
    public static T WithPersistentRetries<T>(T task, string integration)
        where T : TaskStateBase
    {
        task.AddRetry(new RetryProps { Errors = ServiceErrors.Permanent(integration).ToArray(), MaxAttempts = 0 });
        task.AddRetry(Backoff(new[] { Errors.ALL }, maxAttempts: 8));
        return task;
    }

    /// <summary>Exponential backoff with full jitter on <paramref name="errors"/>: 1 s, doubling, at most 20 s between attempts.</summary>
    public static RetryProps Backoff(string[] errors, int maxAttempts) => new()
    {
        Errors = errors,
        Interval = Duration.Seconds(1),
        BackoffRate = 2,
        MaxAttempts = maxAttempts,
        MaxDelay = Duration.Seconds(20),
        JitterStrategy = JitterType.FULL,
    };

    /// <summary>A decision handler called with its payload only, so the result is the handler's JSON itself.</summary>
    public static LambdaInvoke Decide(Construct scope, string id, Amazon.CDK.AWS.Lambda.IFunction function,
        IDictionary<string, object> payload, string resultPath, string? comment = null)
    {
        var task = new LambdaInvoke(scope, id, new LambdaInvokeProps
        {
            Comment = comment,
            LambdaFunction = function,
            Payload = TaskInput.FromObject(payload),
            PayloadResponseOnly = true,
            RetryOnServiceExceptions = false,
            ResultPath = resultPath,
            TaskTimeout = Timeout.Duration(TaskTimeout),
        });
        return WithRetries(task, "lambda");
    }

    /// <summary>
    /// A step whose failure must not change the outcome (a notification, a metric, bookkeeping after the
    /// decision): it continues to <paramref name="next"/> whether it succeeds or not.
    /// </summary>
    public static IChainable BestEffort(State state, IChainable next)
    {
        CatchAll(state, next, StatePath.Of<FlowState>(s => s.BestEffortFailure));
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
