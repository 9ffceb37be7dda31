using Amazon.CDK.AWS.IAM;
using Amazon.CDK.CustomResources;
using Constructs;

namespace Deploy.Constructs.Internal;

/// <summary>
/// <c>AwsCustomResource</c>s with the narrowest policy and their nag acknowledgements, on a provider that runs on a runtime
/// Lambda still creates (<see cref="AwsCustomResourceProvider"/>). Each makes exactly the calls given: what is not given is
/// never called, so a later <c>cdk deploy</c> cannot touch what the deployment state machines own (the weights, the groups'
/// launch-template versions and sizes).
/// </summary>
internal static class CreateOnlyResource
{
    /// <summary>
    /// A resource that calls AWS when the stack creates it (and optionally deletes it) but never on update: what it sets up
    /// afterwards belongs to the deployment state machines. Used for the initial capacity.
    /// </summary>
    public static AwsCustomResource Create(Construct scope, string resourceType, AwsSdkCall onCreate, AwsSdkCall? onDelete,
        PolicyStatement[] statements, string wildcardReason) =>
        // No OnUpdate on purpose: a stack update never calls AWS.
        WithCalls(scope, resourceType, onCreate, null, onDelete, statements, wildcardReason);

    /// <summary>
    /// A resource whose one call CloudFormation makes when it creates the resource and again whenever the call's parameters
    /// change: a setting that a <c>cdk deploy</c> applies in place (a group's maximum size, its tags, the rule's priority).
    /// </summary>
    public static AwsCustomResource Applied(Construct scope, string resourceType, AwsSdkCall call, PolicyStatement[] statements, string? wildcardReason) =>
        // CDK makes the create call the update call when only OnUpdate is given (AwsCustomResourceProps.OnCreate).
        WithCalls(scope, resourceType, null, call, null, statements, wildcardReason);

    /// <summary>
    /// A resource with exactly these calls (construct id <c>Resource</c>); <paramref name="wildcardReason"/> acknowledges the
    /// policy's wildcards (cdk-nag AwsSolutions-IAM5), <see langword="null"/> when it has none.
    /// </summary>
    public static AwsCustomResource WithCalls(Construct scope, string resourceType, AwsSdkCall? onCreate, AwsSdkCall? onUpdate, AwsSdkCall? onDelete,
        PolicyStatement[] statements, string? wildcardReason)
    {
        var resource = AwsCustomResourceProvider.Create(scope, "Resource", new AwsCustomResourceProps
        {
            ResourceType = resourceType,
            InstallLatestAwsSdk = false,
            OnCreate = onCreate,
            OnUpdate = onUpdate,
            OnDelete = onDelete,
            Policy = AwsCustomResourcePolicy.FromStatements(statements),
        });
        if (wildcardReason is not null)
        {
            NagSuppressions.Add(resource.Node.FindChild("CustomResourcePolicy"), ("AwsSolutions-IAM5", wildcardReason));
        }

        return resource;
    }
}
