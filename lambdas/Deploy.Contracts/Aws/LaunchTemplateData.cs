using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>
/// The part of an EC2 <see href="https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RequestLaunchTemplateData.html">RequestLaunchTemplateData</see>
/// a deployment changes in its new launch-template version: the image and the instance tags. Everything
/// else is inherited from the source version.
/// </summary>
public sealed record LaunchTemplateData
{
    /// <summary>The new AMI; omitted to keep the source version's image.</summary>
    [JsonPropertyName("ImageId")]
    public string? ImageId { get; init; }

    /// <summary>Tags given to instances launched from the version (<c>deploy:version</c>, <c>deploy:artifact</c>).</summary>
    [JsonPropertyName("TagSpecifications")]
    public required IReadOnlyList<TagSpecification> TagSpecifications { get; init; }
}
