namespace Deploy.Rules.Internal;

/// <summary>The request's field names and, for each, what is allowed (the second half of every message).</summary>
internal static class RequestFields
{
    public const string Request = "request";
    public const string Version = "version";
    public const string ImageId = "imageId";
    public const string LaunchTemplateVersion = "launchTemplateVersion";
    public const string Artifact = "artifact";
    public const string Strategy = "strategy";
    public const string CanaryPercentage = "canaryPercentage";
    public const string LinearStepPercentage = "linearStepPercentage";
    public const string RequestedBy = "requestedBy";
    public const string Reason = "reason";

    public const int MaxVersionLength = 128;
    public const int MaxRequestedByLength = 128;
    public const int MaxReasonLength = 512;

    public const string AllowedRequest =
        "use a JSON object with version and at least one of imageId, launchTemplateVersion, artifact";
    public const string AllowedVersion = "use 1-128 characters of A-Z a-z 0-9 . _ + -";
    public const string AllowedImageId =
        "use ami- followed by 8 or 17 lowercase hexadecimal digits, e.g. ami-0abcdef1234567890";
    public const string AllowedLaunchTemplateVersion = "use a positive integer as a JSON number, e.g. 5";
    public const string AllowedArtifact =
        "use s3://bucket/key with a bucket of 3-63 characters of a-z 0-9 . - that starts and ends with a letter or digit, and a non-empty key";
    public const string AllowedStrategy = "use AllAtOnce, Canary or Linear";
    public const string AllowedCanaryPercentage = "use a whole number from 1 to 99";
    public const string AllowedLinearStepPercentage = "use a whole number from 1 to 50";
    public const string AllowedRequestedBy = "use a string of at most 128 characters";
    public const string AllowedReason = "use a string of at most 512 characters";

    /// <summary>Every field a request may have, in the order messages list them.</summary>
    public static IReadOnlyList<string> Known { get; } =
    [
        Version, ImageId, LaunchTemplateVersion, Artifact, Strategy,
        CanaryPercentage, LinearStepPercentage, RequestedBy, Reason,
    ];
}
