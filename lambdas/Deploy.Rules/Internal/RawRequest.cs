using Deploy.Contracts;

namespace Deploy.Rules.Internal;

/// <summary>The request fields that were read and valid; absent or invalid fields stay null.</summary>
internal sealed class RawRequest
{
    public string? Version { get; set; }

    public string? ImageId { get; set; }

    public long? LaunchTemplateVersion { get; set; }

    public string? Artifact { get; set; }

    public DeploymentStrategy? Strategy { get; set; }

    public int? CanaryPercentage { get; set; }

    public int? LinearStepPercentage { get; set; }

    public string? RequestedBy { get; set; }

    public string? Reason { get; set; }

    /// <summary>Whether imageId, launchTemplateVersion or artifact was given at all, valid or not.</summary>
    public bool HasSource { get; set; }
}
