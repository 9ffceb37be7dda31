using Amazon.CDK;
using Deploy.Contracts;
using S = Deploy.Constructs.DeploymentSettings;

namespace Deploy.Constructs.Internal;

/// <summary><see cref="DeploymentConfiguration"/> with every default applied (from <see cref="DeploymentSettings"/>), as the flows and alarms use it.</summary>
internal sealed record ResolvedConfiguration(
    Duration GracePeriod,
    Duration DeploymentTimeout,
    Duration HealthPollInterval,
    DeploymentStrategy DefaultStrategy,
    double CanaryPercentage,
    double LinearStepPercentage,
    Duration LinearInterval,
    Duration BakeTime,
    bool AutoRollback,
    double MinHealthyPercentage,
    double MaxTarget5xxCount,
    double? MaxTarget5xxPercent,
    double MaxResponseTimeMs,
    Duration RetainPreviousFor,
    bool ApprovalRequired,
    Duration ApprovalTimeout,
    Duration RecordRetention)
{
    /// <summary>One-minute periods of 5XX breaches that raise the 5XX alarm.</summary>
    public const int Target5xxEvaluationPeriods = 3;

    /// <summary>One-minute periods below the healthy percentage that raise the healthy-hosts alarm.</summary>
    public const int HealthyHostsEvaluationPeriods = 2;

    /// <summary>One-minute periods of slow p99 that raise the response-time alarm.</summary>
    public const int ResponseTimeEvaluationPeriods = 3;

    public static ResolvedConfiguration From(DeploymentConfiguration? c) => new(
        S.GracePeriod.Resolve(c),
        S.DeploymentTimeout.Resolve(c),
        S.HealthPollInterval.Resolve(c),
        S.DefaultStrategy.Resolve(c),
        S.CanaryPercentage.Resolve(c)!.Value,
        S.LinearStepPercentage.Resolve(c)!.Value,
        S.LinearInterval.Resolve(c),
        S.BakeTime.Resolve(c),
        S.AutoRollback.Resolve(c),
        S.MinHealthyPercentage.Resolve(c)!.Value,
        S.MaxTarget5xxCount.Resolve(c)!.Value,
        S.MaxTarget5xxPercent.Resolve(c),
        S.MaxResponseTimeMs.Resolve(c)!.Value,
        S.RetainPreviousFor.Resolve(c),
        S.ApprovalRequired.Resolve(c),
        S.ApprovalTimeout.Resolve(c),
        S.RecordRetention.Resolve(c));

    /// <summary>
    /// Health probes that fit between the grace period and the deployment timeout. Time in the flows is
    /// counted, not read (DESIGN section 4): the deadline is this number of polls.
    /// </summary>
    public int MaxHealthPolls =>
        Math.Max(1, (int)Math.Floor((DeploymentTimeout.ToMilliseconds() - GracePeriod.ToMilliseconds()) / HealthPollInterval.ToMilliseconds()));
}
