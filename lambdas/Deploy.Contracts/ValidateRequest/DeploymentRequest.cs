namespace Deploy.Contracts;

/// <summary>
/// A validated, normalized deployment request: defaults applied, strategy in canonical casing, and
/// the traffic steps computed. Optional fields that were not given are omitted from the JSON.
/// </summary>
public sealed record DeploymentRequest
{
    /// <summary>The application version being deployed: 1-128 characters of <c>A-Z a-z 0-9 . _ + -</c>.</summary>
    public required string Version { get; init; }

    /// <summary>The AMI for the new launch-template version, for example <c>ami-0abcdef1234567890</c>.</summary>
    public string? ImageId { get; init; }

    /// <summary>An existing, numbered launch-template version to deploy instead of creating one.</summary>
    public long? LaunchTemplateVersion { get; init; }

    /// <summary>The application artifact, <c>s3://bucket/key</c>, passed to instances as a tag.</summary>
    public string? Artifact { get; init; }

    /// <summary>How traffic moves to the new color.</summary>
    public required DeploymentStrategy Strategy { get; init; }

    /// <summary>Percentage of traffic for the canary step (1-99); present for every strategy.</summary>
    public required int CanaryPercentage { get; init; }

    /// <summary>Percentage of traffic added per linear step (1-50); present for every strategy.</summary>
    public required int LinearStepPercentage { get; init; }

    /// <summary>Who asked for the deployment, at most 128 characters.</summary>
    public string? RequestedBy { get; init; }

    /// <summary>Why, at most 512 characters.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// The weights (percent of traffic to the new color) to apply in order; the last is always 100.
    /// AllAtOnce: [100]; Canary p: [p, 100]; Linear s: [s, 2s, ..., 100].
    /// </summary>
    public required IReadOnlyList<int> TrafficSteps { get; init; }

    /// <summary>The same steps with both weights and a last-step flag, as the state machine applies them.</summary>
    public required IReadOnlyList<TrafficStep> TrafficPlan { get; init; }

    /// <summary>
    /// The launch-template data of the new version: <see cref="ImageId"/> when given, and the instance tags
    /// <c>deploy:version</c> (and <c>deploy:artifact</c> when given). Present even when
    /// <see cref="LaunchTemplateVersion"/> names an existing version (then it is not used).
    /// </summary>
    public required LaunchTemplateData LaunchTemplateData { get; init; }
}
