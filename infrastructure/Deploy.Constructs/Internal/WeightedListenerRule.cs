using Amazon.CDK;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.CustomResources;
using Constructs;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The listener rule whose weighted <c>forward</c> action splits traffic between the blue and green target groups. It is
/// created by a custom resource that calls <c>CreateRule</c> on Create and <c>DeleteRule</c> on Delete, so CloudFormation
/// never rewrites the live weights: after creation they belong to the state machines (see aws-cdk issue 36649, where stack
/// updates rewrite listener actions). What a <c>cdk deploy</c> may change is applied in place by calls that leave the actions
/// alone: the path patterns by <c>ModifyRule</c> with the conditions only ("Any properties that you do not specify are
/// unchanged", ELBv2 API), the priority by <c>SetRulePriorities</c> (a child resource, <see cref="Priority"/>). What the rule
/// cannot take — another listener, other target groups, a new logical id (which would make CloudFormation create a second rule
/// at 100 % blue and delete this one) — the fleet's <see cref="UpdateGuard"/> refuses.
/// </summary>
internal sealed class WeightedListenerRule : Construct
{
    private const string CreateRuleAction = "elasticloadbalancing:CreateRule";
    private const string DeleteRuleAction = "elasticloadbalancing:DeleteRule";
    private const string ModifyRuleAction = "elasticloadbalancing:ModifyRule";

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

        // Rule ARNs are listener ARNs with "listener-rule" and a rule id: allow changing rules of this listener only.
        var ruleArns = Fn.Join("", new[]
        {
            Fn.Select(0, Fn.Split(":listener/", listenerArn)), ":listener-rule/",
            Fn.Select(1, Fn.Split(":listener/", listenerArn)), "/*",
        });

        var resource = CreateOnlyResource.WithCalls(this, "Custom::WeightedListenerRule",
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
            // The conditions only: never the actions, which hold the weights the state machines set.
            new AwsSdkCall
            {
                Service = "ElasticLoadBalancingV2",
                Action = "modifyRule",
                Parameters = new Dictionary<string, object>
                {
                    ["RuleArn"] = new PhysicalResourceIdReference(),
                    ["Conditions"] = conditions,
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
                new PolicyStatement(new PolicyStatementProps { Actions = new[] { ModifyRuleAction, DeleteRuleAction }, Resources = new[] { ruleArns } }),
            },
            "Rule ARNs end in an id AWS generates at creation; ModifyRule and DeleteRule are limited to rules of this one listener (listener-rule/<listener>/*).");

        Resource = resource;
        CfnResource = (CfnResource)resource.Node.FindChild("Resource").Node.DefaultChild!;
        RuleArn = ((CustomResource)resource.Node.FindChild("Resource")).Ref;

        // SetRulePriorities changes the priority of the rules it names and nothing else; on creation it sets the priority
        // CreateRule already gave (a no-op). A priority in use by another rule fails the call (PriorityInUse): the stack
        // update rolls back.
        Priority = CreateOnlyResource.Applied(new Construct(this, "Priority"), "Custom::WeightedListenerRulePriority",
            new AwsSdkCall
            {
                Service = "ElasticLoadBalancingV2",
                Action = "setRulePriorities",
                Parameters = new Dictionary<string, object>
                {
                    ["RulePriorities"] = new object[] { new Dictionary<string, object> { ["RuleArn"] = RuleArn, ["Priority"] = priority } },
                },
                PhysicalResourceId = PhysicalResourceId.Of(RuleArn + "/priority"),
            },
            new[]
            {
                new PolicyStatement(new PolicyStatementProps { Actions = new[] { "elasticloadbalancing:SetRulePriorities" }, Resources = new[] { RuleArn } }),
            },
            null);
    }

    /// <summary>The rule ARN (the custom resource's physical id, stable across updates).</summary>
    public string RuleArn { get; }

    /// <summary>The custom resource that creates, modifies (conditions only) and deletes the rule.</summary>
    public AwsCustomResource Resource { get; }

    /// <summary>The rule's CloudFormation resource; its logical id is guarded (a new one would create a second rule).</summary>
    public CfnResource CfnResource { get; }

    /// <summary>The custom resource that applies the rule's priority.</summary>
    public AwsCustomResource Priority { get; }
}
