using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>
/// An Auto Scaling <see href="https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_LaunchTemplateSpecification.html">LaunchTemplateSpecification</see>,
/// read from a group description and written in an UpdateAutoScalingGroup request (id and version only).
/// </summary>
public sealed record LaunchTemplateSpecification
{
    /// <summary>The launch template id, for example <c>lt-0123456789abcdef0</c>.</summary>
    [JsonPropertyName("LaunchTemplateId")]
    public string? LaunchTemplateId { get; init; }

    /// <summary>The launch template name; omitted in requests this project writes.</summary>
    [JsonPropertyName("LaunchTemplateName")]
    public string? LaunchTemplateName { get; init; }

    /// <summary>A version number as a string, or <c>$Latest</c> / <c>$Default</c> in descriptions.</summary>
    [JsonPropertyName("Version")]
    public string? Version { get; init; }
}
