using Amazon.CDK;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.CustomResources;
using Constructs;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The listener rule whose weighted <c>forward</c> action splits traffic between the blue and green target
/// groups. It is created by a custom resource that calls <c>CreateRule</c> on Create and <c>DeleteRule</c> on
/// Delete and does nothing on Update, so CloudFormation never rewrites the live weights: after creation they
/// belong to the state machines (see aws-cdk issue 36649, where stack updates rewrite listener actions).
/// The price: conditions and priority are fixed at creation; changing them needs a new construct id.
/// </summary>
internal sealed class WeightedListenerRule : Construct
{
    private const string CreateRuleAction = "elasticloadbalancing:CreateRule";
    private const string DeleteRuleAction = "elasticloadbalancing:DeleteRule";

    public WeightedListenerRule(Construct scope, string id, string listenerArn, double priority,
        object[] conditions, IApplicationTargetGroup blue, IApplicationTargetGroup green)
        : base(scope, id)
    {
        var forward = new Dictionary<string, object>
        {
            ["Type"] = "forward",
            ["ForwardConfig"] = new Dictionary<string, object>
            {
                ["TargetGroups"] = new object[]
                {
                    new Dictionary<string, object> { ["TargetGroupArn"] = blue.TargetGroupArn, ["Weight"] = 100 },
                    new Dictionary<string, object> { ["TargetGroupArn"] = green.TargetGroupArn, ["Weight"] = 0 },
                },
                ["TargetGroupStickinessConfig"] = new Dictionary<string, object> { ["Enabled"] = false },
            },
        };

        // Rule ARNs are listener ARNs with "listener-rule" and a rule id: allow deleting rules of this listener only.
        var ruleArns = Fn.Join("", new[]
        {
            Fn.Select(0, Fn.Split(":listener/", listenerArn)), ":listener-rule/",
            Fn.Select(1, Fn.Split(":listener/", listenerArn)), "/*",
        });

        var resource = CreateOnlyResource.Create(this, "Custom::WeightedListenerRule",
            new AwsSdkCall
            {
                Service = "ElasticLoadBalancingV2",
                Action = "createRule",
                Parameters = new Dictionary<string, object>
                {
                    ["ListenerArn"] = listenerArn,
                    ["Priority"] = priority,
                    ["Conditions"] = conditions,
                    ["Actions"] = new object[] { forward },
                },
                PhysicalResourceId = PhysicalResourceId.FromResponse("Rules.0.RuleArn"),
            },
            new AwsSdkCall
            {
                Service = "ElasticLoadBalancingV2",
                Action = "deleteRule",
                Parameters = new Dictionary<string, object> { ["RuleArn"] = new PhysicalResourceIdReference() },
            },
            new[]
            {
                new PolicyStatement(new PolicyStatementProps { Actions = new[] { CreateRuleAction }, Resources = new[] { listenerArn } }),
                // CreateRule also authorizes against the target groups it forwards to.
                new PolicyStatement(new PolicyStatementProps { Actions = new[] { CreateRuleAction }, Resources = new[] { blue.TargetGroupArn, green.TargetGroupArn } }),
                new PolicyStatement(new PolicyStatementProps { Actions = new[] { DeleteRuleAction }, Resources = new[] { ruleArns } }),
            },
            "Rule ARNs end in an id AWS generates at creation; DeleteRule is limited to rules of this one listener (listener-rule/<listener>/*).");

        RuleArn = ((CustomResource)resource.Node.FindChild("Resource")).Ref;
        Resource = resource;
    }

    /// <summary>The rule ARN (the custom resource's physical id, stable across updates).</summary>
    public string RuleArn { get; }

    public AwsCustomResource Resource { get; }
}
