using Amazon.CDK;
using Constructs;

namespace Deploy.Constructs.Internal;

/// <summary>
/// Acknowledges cfn-lint findings the way cfn-lint reads them from a template: resource metadata
/// <c>cfn-lint.config.ignore_checks: [rule]</c> (cfn-lint README, resource-based metadata). cfn-lint has no place
/// for a reason, so each rule's reason is written beside it as <c>cfn-lint.reasons.{rule}</c>, where reviewers and
/// the lint test can read it.
/// </summary>
internal static class CfnLintExceptions
{
    /// <summary>
    /// W3005 ("dependency already enforced by a GetAtt") on a Lambda function or state machine and its role. CDK makes
    /// the resource depend on the whole role construct so that it waits for the role's default policy; the role
    /// itself comes along in <c>DependsOn</c> although <c>Fn::GetAtt</c> already orders it (aws/aws-cdk#24578, open).
    /// The duplicate changes nothing in the deployment order, and removing it by overriding <c>DependsOn</c> would
    /// also drop the dependencies CDK adds later, such as the one on the default policy.
    /// </summary>
    public const string RoleDependencyReason =
        "CDK makes this resource depend on its whole role construct so that it waits for the role's policies; the role's own entry duplicates the GetAtt (aws/aws-cdk#24578) and changes no ordering.";

    /// <summary>Acknowledges W3005 on a function or state machine whose role CDK lists in <c>DependsOn</c>.</summary>
    public static void AcknowledgeRoleDependency(IConstruct construct) => Add(construct, ("W3005", RoleDependencyReason));

    /// <summary>Adds the rules to the resource's <c>ignore_checks</c>, each with its reason; adding a rule twice keeps one.</summary>
    public static void Add(IConstruct construct, params (string Rule, string Reason)[] rules)
    {
        var resource = construct as CfnResource ?? construct.Node.DefaultChild as CfnResource
            ?? throw new InvalidOperationException($"{construct.Node.Path} has no CloudFormation resource to annotate.");

        var checks = new List<string>();
        var reasons = new Dictionary<string, object>();
        if (resource.GetMetadata("cfn-lint") is IDictionary<string, object> current)
        {
            if (current.TryGetValue("config", out var config) && config is IDictionary<string, object> c
                && c.TryGetValue("ignore_checks", out var list) && list is IEnumerable<object> items)
            {
                checks.AddRange(items.Select(i => (string)i));
            }

            if (current.TryGetValue("reasons", out var known) && known is IDictionary<string, object> r)
            {
                foreach (var (rule, reason) in r)
                {
                    reasons[rule] = reason;
                }
            }
        }

        foreach (var (rule, reason) in rules)
        {
            if (!checks.Contains(rule))
            {
                checks.Add(rule);
            }

            reasons[rule] = reason;
        }

        resource.AddMetadata("cfn-lint", new Dictionary<string, object>
        {
            ["config"] = new Dictionary<string, object> { ["ignore_checks"] = checks.ToArray() },
            ["reasons"] = reasons,
        });
    }
}
