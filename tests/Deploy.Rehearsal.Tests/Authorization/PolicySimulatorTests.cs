using System.Text.Json.Nodes;
using Deploy.Rehearsal.Authorization;

namespace Deploy.Rehearsal.Tests.Authorization;

public sealed class PolicySimulatorTests(PolicySimulatorFixture fixture) : IClassFixture<PolicySimulatorFixture>
{
    private const string Rule = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/lb/4731c84b652e25ee/2bdf3a1f368bd2ac/2df17c1504d40412";
    private const string OtherRule = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/lb/4731c84b652e25ee/2bdf3a1f368bd2ac/0000000000000000";
    private const string ModifyRule = $$"""{ "Effect": "Allow", "Action": "elasticloadbalancing:ModifyRule", "Resource": "{{Rule}}" }""";

    private PolicyDecision Decide(RolePolicies role, AuthorizationRequest request) => Assert.Single(fixture.Simulator.Evaluate(role, [request]));

    [Fact]
    public void Evaluate_ActionOnTheResourceItNames_Allowed() =>
        Assert.Equal(PolicyDecision.Allowed, Decide(Policies.Role(ModifyRule), Policies.Request("elasticloadbalancing:ModifyRule", Rule)));

    [Fact]
    public void Evaluate_ActionOnAnotherResource_ImplicitlyDenied() =>
        Assert.Equal(PolicyDecision.ImplicitlyDenied, Decide(Policies.Role(ModifyRule), Policies.Request("elasticloadbalancing:ModifyRule", OtherRule)));

    [Fact]
    public void Evaluate_ActionNoStatementNames_ImplicitlyDenied() =>
        Assert.Equal(PolicyDecision.ImplicitlyDenied, Decide(Policies.Role(ModifyRule), Policies.Request("elasticloadbalancing:DeleteRule", Rule)));

    [Fact]
    public void Evaluate_AllowedAndDeniedByAnotherStatement_ExplicitlyDenied()
    {
        var role = Policies.Role(ModifyRule, """{ "Effect": "Deny", "Action": "elasticloadbalancing:*", "Resource": "*" }""");

        Assert.Equal(PolicyDecision.ExplicitlyDenied, Decide(role, Policies.Request("elasticloadbalancing:ModifyRule", Rule)));
    }

    [Fact]
    public void Evaluate_WildcardActionInTheStatement_Allowed() =>
        Assert.Equal(PolicyDecision.Allowed, Decide(
            Policies.Role("""{ "Effect": "Allow", "Action": "autoscaling:Describe*", "Resource": "*" }"""),
            Policies.Request("autoscaling:DescribeAutoScalingGroups", "*")));

    [Theory]
    [InlineData("BlueGreenDeployments", PolicyDecision.Allowed)]
    [InlineData("SomeoneElse", PolicyDecision.ImplicitlyDenied)]
    public void Evaluate_PutMetricDataUnderTheNamespaceCondition_DecidedByTheNamespace(string ns, PolicyDecision expected)
    {
        var role = Policies.Role("""
            { "Effect": "Allow", "Action": "cloudwatch:PutMetricData", "Resource": "*", "Condition": { "StringEquals": { "cloudwatch:namespace": "BlueGreenDeployments" } } }
            """);

        Assert.Equal(expected, Decide(role, Policies.Request("cloudwatch:PutMetricData", "*", ("cloudwatch:namespace", ns))));
    }

    [Fact]
    public void Evaluate_ConditionKeyAbsentFromTheRequest_ImplicitlyDenied()
    {
        var role = Policies.Role("""
            { "Effect": "Allow", "Action": "cloudwatch:PutMetricData", "Resource": "*", "Condition": { "StringEquals": { "cloudwatch:namespace": "BlueGreenDeployments" } } }
            """);

        Assert.Equal(PolicyDecision.ImplicitlyDenied, Decide(role, Policies.Request("cloudwatch:PutMetricData", "*")));
    }

    [Theory]
    [InlineData("""{ "Effect": "Allow", "Action": "kms:GenerateDataKey*", "Resource": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" }""", PolicyDecision.Allowed)]
    [InlineData("""{ "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*" }""", PolicyDecision.ImplicitlyDenied)]
    public void Evaluate_KeyWhosePolicyDelegatesToIam_DecidedByTheRolesPolicy(string statement, PolicyDecision expected)
    {
        var request = Policies.Request("kms:GenerateDataKey", Policies.KeyArn) with { ResourcePolicy = Policies.Stack().KeyPolicies[Policies.KeyArn] };

        Assert.Equal(expected, Decide(Policies.Role(statement), request));
    }

    [Fact]
    public void Evaluate_KeyWhosePolicyDoesNotDelegate_ImplicitlyDeniedDespiteTheRolesPolicy()
    {
        var keyPolicy = JsonNode.Parse("""
            { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::123456789012:role/Other" }, "Action": "kms:*", "Resource": "*" } ] }
            """)!.AsObject();
        var request = Policies.Request("kms:GenerateDataKey", Policies.KeyArn) with { ResourcePolicy = keyPolicy };

        Assert.Equal(PolicyDecision.ImplicitlyDenied, Decide(Policies.Role("""{ "Effect": "Allow", "Action": "kms:*", "Resource": "*" }"""), request));
    }

    [Fact]
    public void Evaluate_SameRequestTwice_EvaluatedOnceThenCached()
    {
        var role = Policies.Role(ModifyRule, """{ "Effect": "Allow", "Action": "sns:Publish", "Resource": "*" }""");
        var request = Policies.Request("sns:Publish", "arn:aws:sns:us-east-1:123456789012:CachedTopic");
        fixture.Simulator.Evaluate(role, [request]);
        var evaluations = fixture.Simulator.Evaluations;

        var again = fixture.Simulator.Evaluate(role, [request]);

        Assert.Equal(PolicyDecision.Allowed, Assert.Single(again));
        Assert.Equal(evaluations, fixture.Simulator.Evaluations);
    }

    [Fact]
    public void Evaluate_UnknownAction_ThrowsWithTheEvaluatorsReason()
    {
        var error = Assert.Throws<RehearsalException>(() => Decide(Policies.Role(ModifyRule), Policies.Request("elasticloadbalancing:ModifyRules", Rule)));

        Assert.Contains("elasticloadbalancing:ModifyRules", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ResourceOfATypeTheActionDoesNotTake_Throws()
    {
        var error = Assert.Throws<RehearsalException>(() => Decide(Policies.Role(ModifyRule), Policies.Request("elasticloadbalancing:ModifyRule", "arn:aws:custom:us-east-1:123456789012:Rule")));

        Assert.Contains("arn:aws:custom:us-east-1:123456789012:Rule", error.Message, StringComparison.Ordinal);
    }
}
