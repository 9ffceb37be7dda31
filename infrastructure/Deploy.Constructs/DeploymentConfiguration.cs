using Amazon.CDK;
using Deploy.Contracts;

namespace Deploy.Constructs;

/// <summary>
/// How deployments of one environment behave: timings, strategy, health thresholds, rollback and approval. Each property
/// is declared once more in <see cref="DeploymentSettings"/> (its cdk.json key, default and allowed values), from which
/// validation, defaults, the bundled app's cdk.json reader and the README reference follow; a test keeps the two in step.
/// </summary>
public sealed record DeploymentConfiguration
{
    /// <summary>Wait after the idle group is scaled before the first health probe. Default: 5 minutes.</summary>
    public Duration? GracePeriod { get; init; }

    /// <summary>
    /// Longest time the new color may take to become healthy; past it the deployment rolls back with
    /// <c>Deploy.DeploymentTimedOut</c>. Must be longer than <see cref="GracePeriod"/>. Default: 20 minutes.
    /// </summary>
    public Duration? DeploymentTimeout { get; init; }

    /// <summary>Time between two health probes while waiting for the new color. Default: 30 seconds.</summary>
    public Duration? HealthPollInterval { get; init; }

    /// <summary>Strategy used when a request names none. Default: <c>AllAtOnce</c>.</summary>
    public DeploymentStrategy? DefaultStrategy { get; init; }

    /// <summary>Traffic percentage of a canary's first step (1-99). Default: 10.</summary>
    public double? CanaryPercentage { get; init; }

    /// <summary>Traffic percentage added by each linear step (1-50). Default: 20.</summary>
    public double? LinearStepPercentage { get; init; }

    /// <summary>Time between two linear steps. Default: 2 minutes.</summary>
    public Duration? LinearInterval { get; init; }

    /// <summary>Observation time after the canary step and after 100 %: any alarm or Unhealthy verdict rolls back. Default: 5 minutes.</summary>
    public Duration? BakeTime { get; init; }

    /// <summary>Whether failures roll back automatically, and whether the alarm rule starts the Rollback state machine. Default: true.</summary>
    public bool? AutoRollback { get; init; }

    /// <summary>Minimum percentage of healthy targets for a Healthy verdict and for the healthy-hosts alarm (1-100). Default: 80.</summary>
    public double? MinHealthyPercentage { get; init; }

    /// <summary>
    /// Target 5XX responses per one-minute period that count as breaching: 3 breaching periods raise the alarm, and one
    /// breaching minute since the traffic shift makes a deployment's health probe Unhealthy. Default: 10.
    /// </summary>
    public double? MaxTarget5xxCount { get; init; }

    /// <summary>
    /// Target 5XX responses as a percentage (0-100) of a minute's requests above which a deployment's health probe is
    /// Unhealthy (minutes without requests are skipped); the alarms do not use it. Default: none (the rate is not judged).
    /// </summary>
    public double? MaxTarget5xxPercent { get; init; }

    /// <summary>Highest acceptable p99 <c>TargetResponseTime</c>, in milliseconds. Default: 2000.</summary>
    public double? MaxResponseTimeMs { get; init; }

    /// <summary>How long the previous color stays warm after a successful deployment, ready for a one-call rollback. Default: 1 hour.</summary>
    public Duration? RetainPreviousFor { get; init; }

    /// <summary>Whether a deployment waits for an operator's approval before moving traffic. Default: false.</summary>
    public bool? ApprovalRequired { get; init; }

    /// <summary>How long an approval may wait; past it the deployment is rejected. Default: 1 hour.</summary>
    public Duration? ApprovalTimeout { get; init; }

    /// <summary>
    /// How long a deployment's record stays in the state table after the deployment started (its <c>expiresAt</c>, the
    /// table's Time to Live attribute); DynamoDB deletes an expired record, typically within two days. The environment's
    /// state item never expires. Default: 365 days.
    /// </summary>
    public Duration? RecordRetention { get; init; }
}
