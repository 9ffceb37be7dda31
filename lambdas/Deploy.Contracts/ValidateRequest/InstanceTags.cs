namespace Deploy.Contracts;

/// <summary>The instance tags a deployment writes; instances read them from the instance metadata service.</summary>
public static class InstanceTags
{
    /// <summary>The deployed application version.</summary>
    public const string Version = "deploy:version";

    /// <summary>The deployed artifact (<c>s3://bucket/key</c>), when the request names one.</summary>
    public const string Artifact = "deploy:artifact";
}
