using Deploy.Rehearsal.Authorization;

namespace Deploy.Rehearsal.Tests.Authorization;

public sealed class PolicyResolutionTests : IDisposable
{
    private const string Listener = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/lb/4731c84b652e25ee/";
    private readonly string _directory = Directory.CreateTempSubdirectory("rehearsal-policies-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ResolvedTemplate Resolve()
    {
        var file = Path.Combine(_directory, "webapp-staging.template.json");
        File.WriteAllText(file, """
            {
              "Resources": {
                "Listener": { "Type": "AWS::ElasticLoadBalancingV2::Listener" },
                "Table": { "Type": "AWS::DynamoDB::Table" },
                "MachineRole": { "Type": "AWS::IAM::Role", "Properties": {
                  "Policies": [ { "PolicyName": "inline", "PolicyDocument": { "Statement": [ { "Effect": "Allow", "Action": "elasticloadbalancing:ModifyRule", "Resource": { "Ref": "Rule" } } ] } } ],
                  "ManagedPolicyArns": [ { "Ref": "Managed" }, "arn:aws:iam::aws:policy/ReadOnlyAccess" ] } },
                "MachinePolicy": { "Type": "AWS::IAM::Policy", "Properties": {
                  "PolicyName": "MachinePolicy", "Roles": [ { "Ref": "MachineRole" } ],
                  "PolicyDocument": { "Statement": [ { "Effect": "Allow", "Action": "dynamodb:GetItem",
                    "Resource": { "Fn::Join": ["", ["arn:", { "Ref": "AWS::Partition" }, ":dynamodb:", { "Ref": "AWS::Region" }, ":", { "Ref": "AWS::AccountId" }, ":table/", { "Ref": "Table" }]] } } ] } } },
                "Managed": { "Type": "AWS::IAM::ManagedPolicy", "Properties": {
                  "PolicyDocument": { "Statement": [ { "Effect": "Allow", "Action": "sns:Publish", "Resource": "*" } ] } } },
                "ProviderRole": { "Type": "AWS::IAM::Role" },
                "Provider": { "Type": "AWS::Lambda::Function", "Properties": { "Role": { "Fn::GetAtt": ["ProviderRole", "Arn"] } } },
                "Rule": { "Type": "Custom::WeightedListenerRule", "Properties": {
                  "ServiceToken": { "Fn::GetAtt": ["Provider", "Arn"] },
                  "Create": { "Fn::Join": ["", ["{\"service\":\"ElasticLoadBalancingV2\",\"action\":\"createRule\",\"parameters\":{\"ListenerArn\":\"", { "Ref": "Listener" }, "\",\"Priority\":1},\"physicalResourceId\":{\"responsePath\":\"Rules.0.RuleArn\"}}"]] },
                  "Delete": "{\"service\":\"ElasticLoadBalancingV2\",\"action\":\"deleteRule\",\"parameters\":{\"RuleArn\":\"PHYSICAL:RESOURCEID:\"}}" } },
                "Machine": { "Type": "AWS::StepFunctions::StateMachine", "Properties": {
                  "RoleArn": { "Fn::GetAtt": ["MachineRole", "Arn"] },
                  "DefinitionString": { "Fn::Join": ["", ["{\"StartAt\":\"Shift\",\"States\":{\"Shift\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::aws-sdk:elasticloadbalancingv2:modifyRule\",\"Parameters\":{\"RuleArn\":\"",
                    { "Ref": "Rule" }, "\"},\"End\":true}}}"]] } } }
              }
            }
            """);
        return DefinitionResolver.ResolveTemplateWithPolicies(Repository.Root, file);
    }

    [Fact]
    public void ResolveTemplateWithPolicies_CustomRuleResource_ItsRefIsTheRuleArnUnderItsListenerInDefinitionAndPolicyAlike()
    {
        var resolved = Resolve();

        var calledRule = (string)resolved.Machines["Machine"].Definition["States"]!["Shift"]!["Parameters"]!["RuleArn"]!;
        var role = resolved.Policies.RoleOfStateMachine("Machine");
        var inline = role.Policies.Single(p => p.Source == "inline");
        Assert.StartsWith(Listener.Replace(":listener/", ":listener-rule/", StringComparison.Ordinal), calledRule, StringComparison.Ordinal);
        Assert.Equal(calledRule, (string?)Assert.Single(inline.Document["Statement"]!.AsArray())!["Resource"]);
    }

    [Fact]
    public void ResolveTemplateWithPolicies_RoleWithPolicyAndManagedPolicy_AllAttachedDocumentsAndTheAwsManagedOneListed()
    {
        var role = Resolve().Policies.RoleOfStateMachine("Machine");

        Assert.Equal("arn:aws:iam::123456789012:role/MachineRole", role.Arn);
        Assert.Equal(["inline", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"], role.Policies.Select(p => p.Source));
        Assert.Equal("arn:aws:dynamodb:us-east-1:123456789012:table/Table",
            (string?)Assert.Single(role.Policies.Single(p => p.Name == "MachinePolicy").Document["Statement"]!.AsArray())!["Resource"]);
        Assert.Equal(["arn:aws:iam::aws:policy/ReadOnlyAccess"], role.UnresolvedManagedPolicyArns);
    }

    [Fact]
    public void ResolveTemplateWithPolicies_AwsCustomResource_ItsCallsAsTheProvidersRoleWithThePhysicalIdInDelete()
    {
        var resolved = Resolve();
        var calls = resolved.Policies.CustomResourceCalls;
        var rule = (string)resolved.Machines["Machine"].Definition["States"]!["Shift"]!["Parameters"]!["RuleArn"]!;

        Assert.Equal(["Create createRule", "Delete deleteRule"], calls.Select(c => $"{c.Event} {c.Action}"));
        Assert.All(calls, c => Assert.Equal("ProviderRole", c.RoleLogicalId));
        Assert.StartsWith(Listener, (string?)calls[0].Parameters["ListenerArn"], StringComparison.Ordinal);
        Assert.Equal(rule, (string?)calls[1].Parameters["RuleArn"]);
    }
}
