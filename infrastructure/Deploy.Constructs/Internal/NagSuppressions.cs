using Amazon.CDK;
using Constructs;

namespace Deploy.Constructs.Internal;

/// <summary>
/// Acknowledges cdk-nag findings the way cdk-nag reads them from a template:
/// resource metadata <c>cdk_nag.rules_to_suppress: [{id, reason}]</c>. Each acknowledgement carries a real reason.
/// </summary>
internal static class NagSuppressions
{
    /// <summary>
    /// The Lambda function CDK shares between all <c>AwsCustomResource</c>s of a stack (its construct id is fixed by
    /// CDK). It runs only on stack create/delete of the weighted rule and the initial capacity.
    /// </summary>
    public static void AcknowledgeAwsCustomResourceProvider(Stack stack)
    {
        if (stack.Node.TryFindChild("AWS679f53fac002430cb0da5b7982bd2287") is not { } provider)
        {
            return;
        }

        Add(provider, ("AwsSolutions-L1", "The runtime of the AwsCustomResource provider is chosen by CDK per region (a mapping), not by this library."),
            ("CdkNagValidationFailure", "AwsSolutions-L1 cannot evaluate the region mapping CDK uses for the AwsCustomResource provider runtime."));
        if (provider.Node.TryFindChild("ServiceRole") is { } role)
        {
            Add(role, ("AwsSolutions-IAM4", "The AwsCustomResource provider role uses AWSLambdaBasicExecutionRole (logs only), created by CDK."));
        }
    }

    public static void Add(IConstruct construct, params (string Id, string Reason)[] rules)
    {
        var resource = construct as CfnResource ?? construct.Node.DefaultChild as CfnResource
            ?? throw new InvalidOperationException($"{construct.Node.Path} has no CloudFormation resource to annotate.");

        var existing = new List<object>();
        if (resource.GetMetadata("cdk_nag") is IDictionary<string, object> current
            && current.TryGetValue("rules_to_suppress", out var list) && list is IEnumerable<object> items)
        {
            existing.AddRange(items);
        }

        foreach (var (id, reason) in rules)
        {
            if (!existing.OfType<IDictionary<string, object>>().Any(r => Equals(r["id"], id)))
            {
                existing.Add(new Dictionary<string, object> { ["id"] = id, ["reason"] = reason });
            }
        }

        resource.AddMetadata("cdk_nag", new Dictionary<string, object> { ["rules_to_suppress"] = existing.ToArray() });
    }
}
