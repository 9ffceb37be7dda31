using System.Text.Json;
using System.Text.Json.Serialization;
using Deploy.Constructs;

namespace Deploy.App;

/// <summary>
/// One environment of the bundled app, read from the <c>environments.&lt;name&gt;</c> context in cdk.json: the stack's
/// own settings (typed here) and the deployment settings, one per <see cref="DeploymentSettings.All"/> entry under its
/// <see cref="DeploymentSetting.ContextKey"/>. Every field is optional; a missing one takes the environment's built-in
/// default, then the construct's.
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

    /// <summary>Addresses subscribed to the notification topic.</summary>
    public string[]? NotificationEmails { get; init; }

    /// <summary>The deployment settings (read through <see cref="DeploymentSettings.All"/>). Default: none set.</summary>
    [JsonIgnore]
    public DeploymentConfiguration Deployment { get; init; } = new();

    /// <summary>The context's other fields as read, before <see cref="ReadDeployment"/> takes the deployment settings from them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }

    /// <summary>These settings over <paramref name="defaults"/>: a field set here wins.</summary>
    public EnvironmentSettings Over(EnvironmentSettings defaults) => new()
    {
        Account = Account ?? defaults.Account,
        Region = Region ?? defaults.Region,
        Capacity = Capacity ?? defaults.Capacity,
        MaxCapacity = MaxCapacity ?? defaults.MaxCapacity,
        InstanceType = InstanceType ?? defaults.InstanceType,
        NotificationEmails = NotificationEmails ?? defaults.NotificationEmails,
        Deployment = DeploymentSettings.Inherit(Deployment, defaults.Deployment),
    };

    /// <summary>
    /// These settings with <see cref="Other"/> read into <see cref="Deployment"/>, each field by the setting whose
    /// <see cref="DeploymentSetting.ContextKey"/> it is (any case). A field that is no setting, or a value of the wrong
    /// kind, throws <see cref="InvalidPropsException"/> naming <c>environments.&lt;name&gt;.&lt;field&gt;</c>.
    /// </summary>
    public EnvironmentSettings ReadDeployment(string environmentName)
    {
        var deployment = Deployment;
        var unknown = new List<string>();
        foreach (var (key, value) in Other ?? new())
        {
            var setting = DeploymentSettings.All.FirstOrDefault(s => string.Equals(s.ContextKey, key, StringComparison.OrdinalIgnoreCase));
            if (setting is null)
            {
                unknown.Add($"\"{key}\"");
                continue;
            }

            deployment = ContextValue.Read(setting, deployment, value, $"environments.{environmentName}.{setting.ContextKey}");
        }

        return unknown.Count > 0
            ? throw new InvalidPropsException($"environments.{environmentName}: unknown setting(s) {string.Join(", ", unknown)}; see the configuration reference in README.md.")
            : this with { Deployment = deployment, Other = null };
    }
}
