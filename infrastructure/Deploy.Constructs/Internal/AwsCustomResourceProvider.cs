using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.CustomResources;
using Constructs;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The Lambda function CDK shares between all <c>AwsCustomResource</c>s of a stack (a singleton whose construct id,
/// <see cref="ConstructId"/>, is fixed by CDK). It runs only when the stack creates or deletes the weighted rule and
/// the initial capacity. CDK 2.160 picks its runtime per region from a <c>LatestNodeRuntimeMap</c> mapping that
/// says <c>nodejs20.x</c> (<c>nodejs18.x</c> in a few regions), and Lambda no longer creates functions on either
/// (AWS Lambda Developer Guide, "Runtime deprecation policy"; cfn-lint W1034), so a fresh <c>cdk deploy</c> would
/// fail. This type creates the custom resources and moves the provider to <see cref="Runtime"/>.
/// </summary>
internal static class AwsCustomResourceProvider
{
    /// <summary>The construct id CDK gives the provider function, a child of the stack.</summary>
    public const string ConstructId = "AWS679f53fac002430cb0da5b7982bd2287";

    /// <summary>
    /// The provider's runtime. Lambda creates functions on <c>nodejs24.x</c> until 2028-06-01 (deprecated
    /// 2028-04-30; cfn-lint 1.51's runtime lifecycle data; <c>nodejs22.x</c> only until 2027-06-01). The handler CDK
    /// 2.160 bundles is an <c>async (event, context)</c> function with no callback, which Node.js 24 requires (Lambda
    /// dropped callback-style handlers from Node.js 24), and it uses only <c>https</c>, <c>url</c>, <c>zlib</c> and
    /// the AWS SDK for JavaScript v3 the runtime includes. aws-cdk-lib 2.276 (the version the lint tools here use)
    /// runs the same handler on <c>nodejs24.x</c> in every region.
    /// </summary>
    public const string Runtime = "nodejs24.x";

    /// <summary>The stack-level mapping CDK 2.160 adds to look the provider runtime up per region.</summary>
    public const string RuntimeMapId = "LatestNodeRuntimeMap";

    /// <summary>
    /// Creates the <c>AwsCustomResource</c> and configures the provider: its runtime, the runtime mapping if only the
    /// provider needed it, and the acknowledged cdk-nag and cfn-lint findings of the CDK-made function and role.
    /// </summary>
    public static AwsCustomResource Create(Construct scope, string id, AwsCustomResourceProps props)
    {
        var stack = Stack.Of(scope);
        // CDK looks the runtime up (and adds the mapping if missing) on every AwsCustomResource, even when the
        // singleton provider already exists. A mapping that was there before belongs to some other construct.
        var mappingWasThere = stack.Node.TryFindChild(RuntimeMapId) is not null;

        var resource = new AwsCustomResource(scope, id, props);

        var provider = stack.Node.FindChild(ConstructId);
        // Escape hatch: AwsCustomResourceProps has no runtime (CDK 2.160 chooses it), so set it on the L1 function.
        ((CfnFunction)provider.Node.DefaultChild!).Runtime = Runtime;
        if (!mappingWasThere)
        {
            // Only the provider's runtime read it; left alone it would be an unused mapping (cfn-lint W7001). A
            // construct that needs it later gets it back: CDK adds the mapping again when it is missing.
            stack.Node.TryRemoveChild(RuntimeMapId);
        }

        Acknowledge(provider);
        return resource;
    }

    private static void Acknowledge(IConstruct provider)
    {
        CfnLintExceptions.AcknowledgeRoleDependency(provider);
        if (provider.Node.TryFindChild("ServiceRole") is { } role)
        {
            NagSuppressions.Add(role, ("AwsSolutions-IAM4", "The AwsCustomResource provider role uses AWSLambdaBasicExecutionRole (logs only), created by CDK."));
        }
    }
}
