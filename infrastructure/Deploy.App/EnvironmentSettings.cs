using System.Text.Json.Serialization;
using Amazon.CDK;
using Deploy.Constructs;

namespace Deploy.App;

/// <summary>
/// One environment of the bundled app, read from the <c>environments.&lt;name&gt;</c> context in cdk.json.
/// Every field is optional; a missing one takes the environment's built-in default, then the construct's.
/// </summary>
public sealed record EnvironmentSettings
{
    /// <summary>AWS account to deploy to. Default: the CLI's account (environment-agnostic stack).</summary>
    public string? Account { get; init; }

    /// <summary>AWS region to deploy to. Default: the CLI's region (environment-agnostic stack).</summary>
    public string? Region { get; init; }

    /// <summary>Live capacity (instances).</summary>
    public int? Capacity { get; init; }

    /// <summary>Maximum size of each group.</summary>
    public int? MaxCapacity { get; init; }

    /// <summary>EC2 instance type, for example <c>t3.small</c>.</summary>
    public string? InstanceType { get; init; }

    /// <summary>Grace period after scaling the new color, in minutes.</summary>
    public double? GracePeriodMinutes { get; init; }

    /// <summary>Deployment timeout, in minutes.</summary>
    public double? DeploymentTimeoutMinutes { get; init; }

    /// <summary>Time between health probes, in seconds.</summary>
    public double? HealthPollIntervalSeconds { get; init; }

    /// <summary>Default strategy: AllAtOnce, Canary or Linear.</summary>
    public string? Strategy { get; init; }

    /// <summary>Canary percentage (1-99).</summary>
    public double? CanaryPercentage { get; init; }

    /// <summary>Linear step percentage (1-50).</summary>
    public double? LinearStepPercentage { get; init; }

    /// <summary>Time between linear steps, in minutes.</summary>
    public double? LinearIntervalMinutes { get; init; }

    /// <summary>Bake time after the canary step and after 100 %, in minutes.</summary>
    public double? BakeTimeMinutes { get; init; }

    /// <summary>Whether failures roll back automatically.</summary>
    public bool? AutoRollback { get; init; }

    /// <summary>Minimum healthy percentage (1-100).</summary>
    public double? MinHealthyPercentage { get; init; }

    /// <summary>Maximum target 5XX responses per minute.</summary>
    public double? MaxTarget5xxCount { get; init; }

    /// <summary>Maximum target 5XX responses per minute as a percentage of its requests (0-100), judged by the health probes.</summary>
    public double? MaxTarget5xxPercent { get; init; }

    /// <summary>Maximum p99 response time, in milliseconds.</summary>
    public double? MaxResponseTimeMs { get; init; }

    /// <summary>How long the previous color stays warm, in minutes.</summary>
    public double? RetainPreviousForMinutes { get; init; }

    /// <summary>Whether deployments wait for an operator's approval.</summary>
    public bool? ApprovalRequired { get; init; }

    /// <summary>How long an approval may wait, in minutes.</summary>
    public double? ApprovalTimeoutMinutes { get; init; }

    /// <summary>Addresses subscribed to the notification topic.</summary>
    public string[]? NotificationEmails { get; init; }

    /// <summary>Fields present in the context that this type does not know (reported as an error).</summary>
    [JsonExtensionData]
    public Dictionary<string, object>? Unknown { get; init; }

    /// <summary>These settings over <paramref name="defaults"/>: a field set here wins.</summary>
    public EnvironmentSettings Over(EnvironmentSettings defaults) => new()
    {
        Account = Account ?? defaults.Account,
        Region = Region ?? defaults.Region,
        Capacity = Capacity ?? defaults.Capacity,
        MaxCapacity = MaxCapacity ?? defaults.MaxCapacity,
        InstanceType = InstanceType ?? defaults.InstanceType,
        GracePeriodMinutes = GracePeriodMinutes ?? defaults.GracePeriodMinutes,
        DeploymentTimeoutMinutes = DeploymentTimeoutMinutes ?? defaults.DeploymentTimeoutMinutes,
        HealthPollIntervalSeconds = HealthPollIntervalSeconds ?? defaults.HealthPollIntervalSeconds,
        Strategy = Strategy ?? defaults.Strategy,
        CanaryPercentage = CanaryPercentage ?? defaults.CanaryPercentage,
        LinearStepPercentage = LinearStepPercentage ?? defaults.LinearStepPercentage,
        LinearIntervalMinutes = LinearIntervalMinutes ?? defaults.LinearIntervalMinutes,
        BakeTimeMinutes = BakeTimeMinutes ?? defaults.BakeTimeMinutes,
        AutoRollback = AutoRollback ?? defaults.AutoRollback,
        MinHealthyPercentage = MinHealthyPercentage ?? defaults.MinHealthyPercentage,
        MaxTarget5xxCount = MaxTarget5xxCount ?? defaults.MaxTarget5xxCount,
        MaxTarget5xxPercent = MaxTarget5xxPercent ?? defaults.MaxTarget5xxPercent,
        MaxResponseTimeMs = MaxResponseTimeMs ?? defaults.MaxResponseTimeMs,
        RetainPreviousForMinutes = RetainPreviousForMinutes ?? defaults.RetainPreviousForMinutes,
        ApprovalRequired = ApprovalRequired ?? defaults.ApprovalRequired,
        ApprovalTimeoutMinutes = ApprovalTimeoutMinutes ?? defaults.ApprovalTimeoutMinutes,
        NotificationEmails = NotificationEmails ?? defaults.NotificationEmails,
    };

    /// <summary>The construct configuration these settings describe.</summary>
    public DeploymentConfiguration ToConfiguration(string environmentName)
    {
        Duration? Time(double? value, string field, double secondsPerUnit)
        {
            if (value is not { } amount)
            {
                return null;
            }

            return amount < 0 || double.IsNaN(amount)
                ? throw new InvalidPropsException($"environments.{environmentName}.{field}: got {amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}; must be zero or more.")
                : Duration.Seconds(amount * secondsPerUnit);
        }

        return new DeploymentConfiguration
        {
            GracePeriod = Time(GracePeriodMinutes, "gracePeriodMinutes", 60),
            DeploymentTimeout = Time(DeploymentTimeoutMinutes, "deploymentTimeoutMinutes", 60),
            HealthPollInterval = Time(HealthPollIntervalSeconds, "healthPollIntervalSeconds", 1),
            DefaultStrategy = ParseStrategy(environmentName),
            CanaryPercentage = CanaryPercentage,
            LinearStepPercentage = LinearStepPercentage,
            LinearInterval = Time(LinearIntervalMinutes, "linearIntervalMinutes", 60),
            BakeTime = Time(BakeTimeMinutes, "bakeTimeMinutes", 60),
            AutoRollback = AutoRollback,
            MinHealthyPercentage = MinHealthyPercentage,
            MaxTarget5xxCount = MaxTarget5xxCount,
            MaxTarget5xxPercent = MaxTarget5xxPercent,
            MaxResponseTimeMs = MaxResponseTimeMs,
            RetainPreviousFor = Time(RetainPreviousForMinutes, "retainPreviousForMinutes", 60),
            ApprovalRequired = ApprovalRequired,
            ApprovalTimeout = Time(ApprovalTimeoutMinutes, "approvalTimeoutMinutes", 60),
        };
    }

    private DeploymentStrategy? ParseStrategy(string environmentName)
    {
        if (Strategy is null)
        {
            return null;
        }

        return Enum.TryParse<DeploymentStrategy>(Strategy, ignoreCase: true, out var strategy) && Enum.IsDefined(strategy)
            ? strategy
            : throw new InvalidPropsException($"environments.{environmentName}.strategy: got \"{Strategy}\"; use AllAtOnce, Canary or Linear.");
    }
}
