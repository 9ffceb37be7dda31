using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Simulation;

/// <summary>Per-application-version behaviour (<see cref="Scenario.Versions"/>).</summary>
public sealed partial class SimulatedWorld
{
    /// <summary>The instance tag that carries the application version, set by the Deploy flow's launch-template version.</summary>
    public const string VersionTag = "deploy:version";

    /// <summary>
    /// The application versions the color's instances run: the <c>deploy:version</c> tag of the launch-template
    /// version each instance was launched from (<see cref="LaunchTemplateData"/>). Instances of the initial version,
    /// and of versions created without that tag, have none and are not listed.
    /// </summary>
    public IReadOnlyList<string> VersionsOf(string color) =>
        Groups[color].Instances
            .Where(i => i.TerminatingAt is null)
            .Select(i => VersionOf(i.LaunchTemplateVersion))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>The <c>deploy:version</c> instance tag of a launch-template version, if it has one.</summary>
    public string? VersionOf(int launchTemplateVersion)
    {
        if (!LaunchTemplateData.TryGetValue(launchTemplateVersion, out var data) || data["TagSpecifications"] is not JsonArray specifications)
        {
            return null;
        }

        foreach (var specification in specifications.OfType<JsonObject>())
        {
            foreach (var tag in (specification["Tags"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (tag["Key"] is JsonValue key && key.TryGetValue<string>(out var name) && name == VersionTag
                    && tag["Value"] is JsonValue value && value.TryGetValue<string>(out var version))
                {
                    return version;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// What the color's metrics show: its <see cref="Signals"/>, worsened by the <see cref="Scenario.Versions"/>
    /// behaviour of every version its instances run (the highest error rate and p99 win).
    /// </summary>
    private ColorSignals SignalsWithVersion(string color)
    {
        var signals = Signals[color];
        if (_scenario.Versions.Count == 0)
        {
            return signals;
        }

        var combined = new ColorSignals
        {
            ErrorsPerMinute = signals.ErrorsPerMinute,
            P99Ms = signals.P99Ms,
            TargetsUnhealthy = signals.TargetsUnhealthy,
        };
        foreach (var version in VersionsOf(color))
        {
            if (_scenario.Versions.TryGetValue(version, out var behaviour))
            {
                combined.ErrorsPerMinute = Math.Max(combined.ErrorsPerMinute, behaviour.ErrorsPerMinute ?? 0);
                combined.P99Ms = Math.Max(combined.P99Ms, behaviour.P99Ms ?? 0);
            }
        }

        return combined;
    }
}
