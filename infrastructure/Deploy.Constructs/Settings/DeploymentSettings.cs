using Amazon.CDK;
using Deploy.Contracts;
using C = Deploy.Constructs.DeploymentConfiguration;

namespace Deploy.Constructs;

/// <summary>
/// The settings of <see cref="DeploymentConfiguration"/>, declared once: each one's prop, cdk.json key, meaning, default
/// and allowed values. <see cref="DeploymentPipeline"/> validates and resolves its configuration from this table, the
/// bundled app reads cdk.json through it, and a test checks the README's configuration reference against it.
/// </summary>
public static class DeploymentSettings
{
    /// <summary>Wait after the idle group is scaled before the first health probe.</summary>
    public static DurationSetting GracePeriod { get; } = new(nameof(C.GracePeriod), "gracePeriodMinutes", SettingUnit.Minutes,
        "wait after scaling the new color; must cover boot, application start and the target group's healthy threshold (a target that fails its health checks turns `unhealthy`, and an `unhealthy` verdict before traffic rolls back at once)",
        Duration.Minutes(5), c => c.GracePeriod, (c, v) => c with { GracePeriod = v })
    { MustBePositive = true, AlsoAllowed = $"shorter than `{nameof(C.DeploymentTimeout)}`" };

    /// <summary>Longest time the new color may take to become healthy.</summary>
    public static DurationSetting DeploymentTimeout { get; } = new(nameof(C.DeploymentTimeout), "deploymentTimeoutMinutes", SettingUnit.Minutes,
        "time for the new color to become healthy; past it the deployment rolls back with `Deploy.DeploymentTimedOut`",
        Duration.Minutes(20), c => c.DeploymentTimeout, (c, v) => c with { DeploymentTimeout = v })
    { MustBePositive = true };

    /// <summary>Time between two health probes while waiting for the new color.</summary>
    public static DurationSetting HealthPollInterval { get; } = new(nameof(C.HealthPollInterval), "healthPollIntervalSeconds", SettingUnit.Seconds,
        "time between health probes while waiting for the new color",
        Duration.Seconds(30), c => c.HealthPollInterval, (c, v) => c with { HealthPollInterval = v })
    { WholeSecondsRange = (5, 3600) };

    /// <summary>Strategy used when a request names none.</summary>
    public static StrategySetting DefaultStrategy { get; } = new(nameof(C.DefaultStrategy), "strategy",
        "strategy of a request that names none",
        RequestDefaults.BuiltInStrategy, c => c.DefaultStrategy, (c, v) => c with { DefaultStrategy = v });

    /// <summary>Traffic percentage of a canary's first step.</summary>
    public static NumberSetting CanaryPercentage { get; } = new(nameof(C.CanaryPercentage), "canaryPercentage",
        "traffic percentage of a canary's first step",
        RequestDefaults.BuiltInCanaryPercentage, 1, 99, c => c.CanaryPercentage, (c, v) => c with { CanaryPercentage = v })
    { Whole = true };

    /// <summary>Traffic percentage added by each linear step.</summary>
    public static NumberSetting LinearStepPercentage { get; } = new(nameof(C.LinearStepPercentage), "linearStepPercentage",
        "traffic percentage added by each linear step",
        RequestDefaults.BuiltInLinearStepPercentage, 1, 50, c => c.LinearStepPercentage, (c, v) => c with { LinearStepPercentage = v })
    { Whole = true };

    /// <summary>Time between two linear steps.</summary>
    public static DurationSetting LinearInterval { get; } = new(nameof(C.LinearInterval), "linearIntervalMinutes", SettingUnit.Minutes,
        "time between two linear steps",
        Duration.Minutes(2), c => c.LinearInterval, (c, v) => c with { LinearInterval = v })
    { MustBePositive = true };

    /// <summary>Observation time after the canary step and after 100 %.</summary>
    public static DurationSetting BakeTime { get; } = new(nameof(C.BakeTime), "bakeTimeMinutes", SettingUnit.Minutes,
        "observation after the canary step and after 100 %: any alarm or Unhealthy verdict rolls back",
        Duration.Minutes(5), c => c.BakeTime, (c, v) => c with { BakeTime = v });

    /// <summary>Whether failures roll back automatically.</summary>
    public static FlagSetting AutoRollback { get; } = new(nameof(C.AutoRollback), "autoRollback",
        "roll back on failure; the alarm rule that starts Rollback is enabled",
        true, c => c.AutoRollback, (c, v) => c with { AutoRollback = v });

    /// <summary>Minimum percentage of healthy targets.</summary>
    public static NumberSetting MinHealthyPercentage { get; } = new(nameof(C.MinHealthyPercentage), "minHealthyPercentage",
        "percentage of healthy targets for a Healthy verdict, and the healthy-hosts alarm's threshold",
        80, 1, 100, c => c.MinHealthyPercentage, (c, v) => c with { MinHealthyPercentage = v })
    { MessageUnit = "%" };

    /// <summary>Target 5XX responses per one-minute period that count as breaching.</summary>
    public static NumberSetting MaxTarget5xxCount { get; } = new(nameof(C.MaxTarget5xxCount), "maxTarget5xxCount",
        "target 5XX responses per minute above which the minute breaches (for the 5XX alarm, and for a health probe since the traffic shift)",
        10, 0, 1_000_000, c => c.MaxTarget5xxCount, (c, v) => c with { MaxTarget5xxCount = v })
    { Whole = true };

    /// <summary>Target 5XX responses as a percentage of a minute's requests above which a health probe is Unhealthy.</summary>
    public static NumberSetting MaxTarget5xxPercent { get; } = new(nameof(C.MaxTarget5xxPercent), "maxTarget5xxPercent",
        "target 5XX responses as a percentage of a minute's requests above which a health probe is Unhealthy (minutes without requests are skipped; the alarms do not use it)",
        null, 0, 100, c => c.MaxTarget5xxPercent, (c, v) => c with { MaxTarget5xxPercent = v })
    { MessageUnit = "%", NoDefaultMeans = "the rate is not judged" };

    /// <summary>Highest acceptable p99 target response time, in milliseconds.</summary>
    public static NumberSetting MaxResponseTimeMs { get; } = new(nameof(C.MaxResponseTimeMs), "maxResponseTimeMs",
        "highest acceptable p99 target response time, in milliseconds",
        2000, 1, 600_000, c => c.MaxResponseTimeMs, (c, v) => c with { MaxResponseTimeMs = v })
    { MessageUnit = " ms" };

    /// <summary>How long the previous color stays warm after a successful deployment.</summary>
    public static DurationSetting RetainPreviousFor { get; } = new(nameof(C.RetainPreviousFor), "retainPreviousForMinutes", SettingUnit.Minutes,
        "how long the previous color stays warm after a successful deployment, ready for a one-call rollback",
        Duration.Hours(1), c => c.RetainPreviousFor, (c, v) => c with { RetainPreviousFor = v });

    /// <summary>Whether a deployment waits for an operator's approval before moving traffic.</summary>
    public static FlagSetting ApprovalRequired { get; } = new(nameof(C.ApprovalRequired), "approvalRequired",
        "whether a deployment waits for an operator's approval before moving traffic",
        false, c => c.ApprovalRequired, (c, v) => c with { ApprovalRequired = v });

    /// <summary>How long an approval may wait.</summary>
    public static DurationSetting ApprovalTimeout { get; } = new(nameof(C.ApprovalTimeout), "approvalTimeoutMinutes", SettingUnit.Minutes,
        "how long an approval may wait; past it the deployment is rejected",
        Duration.Hours(1), c => c.ApprovalTimeout, (c, v) => c with { ApprovalTimeout = v })
    { MustBePositive = true };

    /// <summary>How long a deployment's record is kept.</summary>
    public static DurationSetting RecordRetention { get; } = new(nameof(C.RecordRetention), "recordRetentionDays", SettingUnit.Days,
        "how long a deployment's record stays in the state table after it started; DynamoDB then deletes it (Time to Live, typically within two days); the state item never expires",
        Duration.Days(365), c => c.RecordRetention, (c, v) => c with { RecordRetention = v })
    { WholeDaysRange = (1, 3650) };

    /// <summary>Every setting, in the order of <see cref="DeploymentConfiguration"/> and of the README's reference.</summary>
    public static IReadOnlyList<DeploymentSetting> All { get; } =
    [
        GracePeriod, DeploymentTimeout, HealthPollInterval, DefaultStrategy, CanaryPercentage, LinearStepPercentage, LinearInterval,
        BakeTime, AutoRollback, MinHealthyPercentage, MaxTarget5xxCount, MaxTarget5xxPercent, MaxResponseTimeMs, RetainPreviousFor,
        ApprovalRequired, ApprovalTimeout, RecordRetention,
    ];

    /// <summary><paramref name="own"/> with every setting it leaves unset taken from <paramref name="defaults"/>.</summary>
    public static DeploymentConfiguration Inherit(DeploymentConfiguration own, DeploymentConfiguration defaults) =>
        All.Aggregate(own, (merged, setting) => setting.Inherit(merged, defaults));

    /// <summary>Throws <see cref="InvalidPropsException"/> naming the first setting of <paramref name="configuration"/> that is not allowed.</summary>
    internal static void Validate(DeploymentConfiguration configuration)
    {
        foreach (var setting in All)
        {
            setting.Validate(configuration);
        }
    }
}
