using System.Text.Json;
using Amazon.CDK;
using Deploy.Constructs;

namespace Deploy.App;

/// <summary>
/// The environments the app synthesizes: the built-in staging and production defaults (from the project's
/// seed design), overlaid with the <c>environments</c> context, optionally narrowed by the <c>env</c> context.
/// </summary>
public static class EnvironmentCatalog
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Built-in defaults of staging and production, from the project's seed design (the README's environments table shows them).</summary>
    public static IReadOnlyDictionary<string, EnvironmentSettings> Defaults { get; } = new Dictionary<string, EnvironmentSettings>
    {
        ["staging"] = new()
        {
            Capacity = 2,
            Deployment = new()
            {
                GracePeriod = Duration.Minutes(5), DeploymentTimeout = Duration.Minutes(20), CanaryPercentage = 10,
                MinHealthyPercentage = 50, ApprovalRequired = false, AutoRollback = true,
            },
        },
        ["production"] = new()
        {
            Capacity = 4,
            Deployment = new()
            {
                GracePeriod = Duration.Minutes(10), DeploymentTimeout = Duration.Minutes(30), CanaryPercentage = 5,
                MinHealthyPercentage = 75, ApprovalRequired = true, AutoRollback = true,
            },
        },
    };

    /// <summary>
    /// The environments to synthesize, by name. <paramref name="environmentsContext"/> is the
    /// <c>environments</c> context value; <paramref name="selected"/> the <c>env</c> context (null for all).
    /// </summary>
    public static IReadOnlyList<(string Name, EnvironmentSettings Settings)> Resolve(object? environmentsContext, string? selected)
    {
        var configured = Parse(environmentsContext);
        var names = Defaults.Keys.Concat(configured.Keys).Distinct(StringComparer.Ordinal).ToList();

        if (selected is not null && !names.Contains(selected, StringComparer.Ordinal))
        {
            throw new InvalidPropsException($"env: unknown environment \"{selected}\"; known environments: {string.Join(", ", names)}.");
        }

        return names
            .Where(n => selected is null || n == selected)
            .Select(n =>
            {
                var own = configured.GetValueOrDefault(n) ?? new EnvironmentSettings();
                var settings = Defaults.TryGetValue(n, out var defaults) ? own.Over(defaults) : own;
                return (n, settings);
            })
            .ToList();
    }

    private static Dictionary<string, EnvironmentSettings> Parse(object? context)
    {
        if (context is null)
        {
            return new();
        }

        var json = context as string ?? JsonSerializer.Serialize(context);
        Dictionary<string, EnvironmentSettings>? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<Dictionary<string, EnvironmentSettings>>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidPropsException($"environments: the context is not a map of environment names to settings ({e.Message}).");
        }

        return (parsed ?? new()).ToDictionary(e => e.Key, e => e.Value.ReadDeployment(e.Key), StringComparer.Ordinal);
    }
}
