using Amazon.CDK;

namespace Deploy.Constructs.Internal;

/// <summary><see cref="DeploymentConfiguration"/> with every default applied, as the flows and alarms use it.</summary>
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
    Duration ApprovalTimeout)
{
    /// <summary>One-minute periods of 5XX breaches that raise the 5XX alarm.</summary>
    public const int Target5xxEvaluationPeriods = 3;

    /// <summary>One-minute periods below the healthy percentage that raise the healthy-hosts alarm.</summary>
    public const int HealthyHostsEvaluationPeriods = 2;

    /// <summary>One-minute periods of slow p99 that raise the response-time alarm.</summary>
    public const int ResponseTimeEvaluationPeriods = 3;

    public static ResolvedConfiguration From(DeploymentConfiguration? c) => new(
        c?.GracePeriod ?? Duration.Minutes(5),
        c?.DeploymentTimeout ?? Duration.Minutes(20),
        c?.HealthPollInterval ?? Duration.Seconds(30),
        c?.DefaultStrategy ?? DeploymentStrategy.AllAtOnce,
        c?.CanaryPercentage ?? 10,
        c?.LinearStepPercentage ?? 20,
        c?.LinearInterval ?? Duration.Minutes(2),
        c?.BakeTime ?? Duration.Minutes(5),
        c?.AutoRollback ?? true,
        c?.MinHealthyPercentage ?? 80,
        c?.MaxTarget5xxCount ?? 10,
        c?.MaxTarget5xxPercent,
        c?.MaxResponseTimeMs ?? 2000,
        c?.RetainPreviousFor ?? Duration.Hours(1),
        c?.ApprovalRequired ?? false,
        c?.ApprovalTimeout ?? Duration.Hours(1));

    /// <summary>
    /// Health probes that fit between the grace period and the deployment timeout. Time in the flows is
    /// counted, not read (DESIGN section 4): the deadline is this number of polls.
    /// </summary>
    public int MaxHealthPolls =>
        Math.Max(1, (int)Math.Floor((DeploymentTimeout.ToMilliseconds() - GracePeriod.ToMilliseconds()) / HealthPollInterval.ToMilliseconds()));

    /// <summary>
    /// Stated worst case between a problem and restored weights when the alarm path triggers it: the slowest
    /// alarm's evaluation window, plus alarm publication, EventBridge delivery and two states (a few seconds).
    /// </summary>
    public Duration WorstCaseTimeToRollback =>
        Duration.Seconds(60 * Math.Max(Target5xxEvaluationPeriods, Math.Max(HealthyHostsEvaluationPeriods, ResponseTimeEvaluationPeriods)) + 60 + 10);
}
