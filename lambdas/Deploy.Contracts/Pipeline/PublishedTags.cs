namespace Deploy.Contracts.Pipeline;

/// <summary>
/// The figures the construct states about an environment, published as tags of its Deploy state machine (whole numbers
/// or <c>true</c>/<c>false</c>), so the CLI shows what the construct computed and never computes them again. Read with
/// <a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListTagsForResource.html">ListTagsForResource</a>;
/// a stack deployed before they existed has none of them.
/// </summary>
public static class PublishedTags
{
    /// <summary>How every published tag's key begins.</summary>
    public const string Prefix = "deploy-pipeline:";

    /// <summary>Stated worst case from a problem to restored weights on the alarm path, seconds.</summary>
    public const string WorstCaseRollbackSeconds = Prefix + "worst-case-rollback-seconds";

    /// <summary>Stated worst case from a problem to restored weights during a deployment's bake, seconds.</summary>
    public const string WorstCaseRollbackDuringBakeSeconds = Prefix + "worst-case-rollback-during-bake-seconds";

    /// <summary>The grace period after scaling the new color, seconds.</summary>
    public const string GracePeriodSeconds = Prefix + "grace-period-seconds";

    /// <summary>Time between two health probes while waiting for the new color, seconds.</summary>
    public const string HealthPollIntervalSeconds = Prefix + "health-poll-interval-seconds";

    /// <summary>Health probes before the deployment times out.</summary>
    public const string MaxHealthPolls = Prefix + "max-health-polls";

    /// <summary>Time between two bake checks, seconds.</summary>
    public const string BakeCheckIntervalSeconds = Prefix + "bake-check-interval-seconds";

    /// <summary>Whether deployments wait for an operator's approval (<c>true</c> or <c>false</c>).</summary>
    public const string ApprovalRequired = Prefix + "approval-required";
}
