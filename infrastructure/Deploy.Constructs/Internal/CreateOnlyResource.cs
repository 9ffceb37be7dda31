using Amazon.CDK.AWS.IAM;
using Amazon.CDK.CustomResources;
using Constructs;

namespace Deploy.Constructs.Internal;

/// <summary>
/// An <c>AwsCustomResource</c> that calls AWS when the stack creates it (and optionally deletes it) but never on
/// update: what it sets up afterwards belongs to the deployment state machines, so a later <c>cdk deploy</c> cannot
/// rewrite it. Used for the weighted rule and the initial capacity.
/// </summary>
internal static class CreateOnlyResource
{
    /// <summary>
    /// Creates the resource (construct id <c>Resource</c>) with the narrowest policy and its nag acknowledgements, on a
    /// provider that runs on a runtime Lambda still creates (<see cref="AwsCustomResourceProvider"/>).
    /// </summary>
    public static AwsCustomResource Create(Construct scope, string resourceType, AwsSdkCall onCreate, AwsSdkCall? onDelete,
        PolicyStatement[] statements, string wildcardReason)
    {
        var resource = AwsCustomResourceProvider.Create(scope, "Resource", new AwsCustomResourceProps
        {
            ResourceType = resourceType,
            InstallLatestAwsSdk = false,
            OnCreate = onCreate,
            // No OnUpdate on purpose: a stack update never calls AWS.
            OnDelete = onDelete,
            Policy = AwsCustomResourcePolicy.FromStatements(statements),
        });
        NagSuppressions.Add(resource.Node.FindChild("CustomResourcePolicy"), ("AwsSolutions-IAM5", wildcardReason));
        return resource;
    }
}
