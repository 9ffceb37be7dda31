using System.Text.Json.Nodes;
using Deploy.Rehearsal.Authorization;

namespace Deploy.Rehearsal.Tests.Authorization;

public sealed class RolePoliciesTests
{
    private static readonly RolePolicies Role = Policies.Role(
        """{ "Effect": "Allow", "Action": ["ec2:CreateLaunchTemplateVersion", "ec2:RunInstances"], "Resource": "arn:aws:ec2:us-east-1:123456789012:launch-template/lt-1" }""",
        """{ "Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*" }""",
        """{ "Effect": "Allow", "Action": "sns:Publish", "Resource": "*" }""");

    private static List<JsonObject> Statements(RolePolicies role) => role.Policies.SelectMany(p => p.Document["Statement"]!.AsArray()).OfType<JsonObject>().ToList();

    [Fact]
    public void WithoutAction_ActionMergedWithAnother_OnlyThatActionLeavesAndStatementsNamingNothingElseGo()
    {
        var statements = Statements(Role.WithoutAction("ec2:RunInstances"));

        Assert.Equal(2, statements.Count);
        Assert.Equal("ec2:CreateLaunchTemplateVersion", (string?)statements[0]["Action"]);
        Assert.DoesNotContain(statements, s => RolePolicies.Names(s, "ec2:RunInstances"));
        Assert.NotEqual(Role.Key, Role.WithoutAction("ec2:RunInstances").Key);
    }

    [Fact]
    public void WithoutStatements_MatchingStatements_RemovedWhole()
    {
        var statements = Statements(Role.WithoutStatements(s => RolePolicies.Names(s, "ec2:RunInstances")));

        Assert.Equal("sns:Publish", (string?)Assert.Single(statements)["Action"]);
    }
}
