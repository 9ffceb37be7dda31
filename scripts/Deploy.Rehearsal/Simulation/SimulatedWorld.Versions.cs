using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Simulation;

/// <summary>Per-application-version behaviour (<see cref="Scenario.Versions"/>).</summary>
public sealed partial class SimulatedWorld
{
    /// <summary>The instance tag that carries the application version, set by the Deploy flow's launch-template version.</summary>
    public const string VersionTag = "deploy:version";

    /// <summary>
    /// The launch-template version CloudFormation made last: the CDK's current template (<c>Fn::GetAtt LatestVersionNumber</c>,
    /// which the Deploy flow copies). 1 for a stack just created; 3 after <see cref="Scenario"/>'s <see cref="LaunchTemplateChange"/>.
    /// </summary>
    public int CloudFormationVersion { get; private set; } = 1;

    /// <summary>
    /// The launch-template versions before the scenario: version 1 is the synthesized template's (what CloudFormation created);
    /// with a <see cref="WorldSetup.LaunchTemplateChange"/>, version 1 had the parameters from before the change, version 2 is
    /// what an earlier deployment made from it (the live group runs it), version 3 is CloudFormation's version of the changed
    /// template. A stack update that changes a launch template's data makes CloudFormation create a new version and leaves the
    /// groups alone (their template names version 1 for good).
    /// </summary>
    private void InitializeLaunchTemplates(string live)
    {
        var template = _stack.Policies?.LaunchTemplates.GetValueOrDefault(_stack.LaunchTemplateId) is { } data ? (JsonObject)data.DeepClone() : new JsonObject();
        LaunchTemplates[1] = "old";
        if (_scenario.World.LaunchTemplateChange is not { } change)
        {
            LaunchTemplateData[1] = template;
            return;
        }

        LaunchTemplateData[1] = Inherit(template, change.Before);
        LaunchTemplates[2] = "old";
        LaunchTemplateData[2] = Inherit(LaunchTemplateData[1], new JsonObject
        {
            ["ImageId"] = change.LiveImageId,
            ["TagSpecifications"] = new JsonArray(new JsonObject
            {
                ["ResourceType"] = "instance",
                ["Tags"] = new JsonArray(new JsonObject { ["Key"] = VersionTag, ["Value"] = change.LiveVersion }),
            }),
        });
        LaunchTemplates[3] = "old";
        LaunchTemplateData[3] = template;
        CloudFormationVersion = 3;
        Groups[live].LaunchTemplateVersion = "2";
    }

    /// <summary>
    /// A new version's launch parameters: the source version's, with the given ones replacing them member by member ("If you
    /// specify this parameter, the new version inherits the launch parameters from the source version. If you specify
    /// additional launch parameters for the new version, they overwrite any corresponding launch parameters inherited from the
    /// source version. If you omit this parameter, the new version contains only the launch parameters that you specify",
    /// CreateLaunchTemplateVersion <c>SourceVersion</c>, EC2 API).
    /// </summary>
    private static JsonObject Inherit(JsonObject? source, JsonObject own)
    {
        var data = source is null ? new JsonObject() : (JsonObject)source.DeepClone();
        foreach (var (key, value) in own)
        {
            data[key] = value?.DeepClone();
        }

        return data;
    }

    /// <summary>
    /// The version number a <c>SourceVersion</c> names: the CloudFormation attribute's placeholder
    /// (<see cref="RehearsalStack.LaunchTemplateSourceVersion"/>) stands for <see cref="CloudFormationVersion"/>, as CloudFormation
    /// resolved it into the definition; otherwise a version number. <see langword="null"/> when it names no existing version.
    /// </summary>
    private int? SourceVersionNumber(string source) =>
        source == _stack.LaunchTemplateSourceVersion ? CloudFormationVersion
        : int.TryParse(source, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && LaunchTemplates.ContainsKey(number) ? number
        : null;

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
