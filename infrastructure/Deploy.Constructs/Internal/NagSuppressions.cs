using Amazon.CDK;
using Constructs;

namespace Deploy.Constructs.Internal;

/// <summary>
/// Acknowledges cdk-nag findings the way cdk-nag reads them from a template:
/// resource metadata <c>cdk_nag.rules_to_suppress: [{id, reason}]</c>. Each acknowledgement carries a real reason.
/// </summary>
internal static class NagSuppressions
{
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
