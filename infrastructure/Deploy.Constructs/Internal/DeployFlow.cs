using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using Deploy.Contracts;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The Deploy flow (a Standard state machine). Input: a deployment request
/// (<c>version</c>, <c>imageId</c> / <c>launchTemplateVersion</c> / <c>artifact</c>, <c>strategy</c>, …).
/// </summary>
/// <remarks>
/// This foundation holds the opening of the flow: validate (handler) → acquire the environment lock →
/// read the rule weights → notify that the deployment started → release the lock. Every failure after the
/// lock releases it before the execution fails.
/// </remarks>
internal static class DeployFlow
{
    public static IChainable Build(Construct scope, FlowContext context)
    {
        var config = context.Config;
        var validate = FlowTasks.Decide(scope, "ValidateRequest", context.ValidateRequest, new Dictionary<string, object>
        {
            ["request.$"] = "$",
            ["defaults"] = new Dictionary<string, object>
            {
                ["strategy"] = config.DefaultStrategy.ToString(),
                ["canaryPercentage"] = config.CanaryPercentage,
                ["linearStepPercentage"] = config.LinearStepPercentage,
            },
        }, "$.validation");

        var rejected = new Fail(scope, "RequestRejected", new FailProps
        {
            Comment = "Invalid request: rejected before any resource is touched.",
            ErrorPath = "$.validation.error.name",
            CausePath = "$.validation.error.cause",
        });

        var inProgress = new Fail(scope, "DeploymentInProgress", new FailProps
        {
            Error = DeployErrors.DeploymentInProgress,
            Cause = $"Another deployment of {context.ApplicationName}/{context.EnvironmentName} holds the lock; nothing was changed.",
        });

        var acquire = DeploymentLock.Acquire(scope, "AcquireLock", context, "$.validation.request.version");
        acquire.AddCatch(inProgress, new CatchProps { Errors = new[] { DeploymentLock.HeldError }, ResultPath = "$.lockError" });

        var failed = new Fail(scope, "DeploymentFailed", new FailProps { ErrorPath = "$.failure.Error", CausePath = "$.failure.Cause" });
        var releaseOnFailure = DeploymentLock.Release(scope, "ReleaseLockOnFailure", context);
        releaseOnFailure.Next(failed);

        var readWeights = RuleWeights.Read(scope, "ReadWeights", context.Fleet, "$.weights");
        var started = Notifications.Publish(scope, "NotifyStarted", context, "DeploymentStarted", "Deployment started", "$.validation.request");
        var release = DeploymentLock.Release(scope, "ReleaseLock", context);

        foreach (var step in new Amazon.CDK.AWS.StepFunctions.TaskStateBase[] { readWeights, started })
        {
            step.AddCatch(releaseOnFailure, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = "$.failure" });
        }

        var afterLock = readWeights.Next(started).Next(release).Next(new Succeed(scope, "Deployed"));

        return validate.Next(new Choice(scope, "RequestValid")
            .When(Condition.IsNull("$.validation.error"), acquire.Next(afterLock))
            .Otherwise(rejected));
    }
}
