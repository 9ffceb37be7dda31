using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>The member of an EC2 <c>CreateLaunchTemplateVersion</c> response that the flows select (EC2 API reference).</summary>
/// <remarks>Declares what a task's result selector reads, for <see cref="StatePath"/>; members are non-null so paths read without <c>!</c>.</remarks>
public sealed record CreateLaunchTemplateVersionResult
{
    /// <summary>The version created.</summary>
    [JsonPropertyName("LaunchTemplateVersion")]
    public LaunchTemplateVersionInfo LaunchTemplateVersion { get; init; } = null!;
}
