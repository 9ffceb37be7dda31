using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>A launch-template version as EC2 describes it.</summary>
/// <remarks>Declares what a task's result selector reads, for <see cref="StatePath"/>; members are non-null so paths read without <c>!</c>.</remarks>
public sealed record LaunchTemplateVersionInfo
{
    /// <summary>Its number.</summary>
    [JsonPropertyName("VersionNumber")]
    public long VersionNumber { get; init; }
}
