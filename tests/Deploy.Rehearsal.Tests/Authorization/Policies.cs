using System.Text.Json.Nodes;
using Deploy.Rehearsal.Authorization;

namespace Deploy.Rehearsal.Tests.Authorization;

/// <summary>Small hand-written roles and stacks for the evaluator and mapping tests.</summary>
internal static class Policies
{
    public const string LaunchTemplateId = "lt-0123456789abcdef0";
    public const string KeyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    public const string TopicArn = "arn:aws:sns:us-east-1:123456789012:Topic";

    public static RolePolicies Role(params string[] statements) => new()
    {
        LogicalId = "Role",
        Arn = "arn:aws:iam::123456789012:role/Role",
        Policies =
        [
            new RolePolicy
            {
                Name = "RoleDefaultPolicy",
                Source = "AWS::IAM::Policy",
                Document = JsonNode.Parse($$"""{ "Version": "2012-10-17", "Statement": [{{string.Join(',', statements)}}] }""")!.AsObject(),
            },
        ],
    };

    /// <summary>A stack with one launch template (security group, tags on instance and volume), one group, one encrypted topic.</summary>
    public static StackPolicies Stack(RolePolicies? role = null, JsonObject? launchTemplateData = null) => new()
    {
        Roles = new Dictionary<string, RolePolicies> { ["Role"] = role ?? Role() },
        StateMachineRoles = new Dictionary<string, string> { ["Machine"] = "Role" },
        CustomResourceCalls = [],
        KeyPolicies = new Dictionary<string, JsonObject>
        {
            // The key policy CDK writes: the account's IAM policies decide (KMS developer guide, "Default key policy").
            [KeyArn] = JsonNode.Parse("""
                { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::123456789012:root" }, "Action": "kms:*", "Resource": "*" } ] }
                """)!.AsObject(),
        },
        TopicKeys = new Dictionary<string, string> { [TopicArn] = KeyArn },
        LaunchTemplates = new Dictionary<string, JsonObject>
        {
            [LaunchTemplateId] = launchTemplateData ?? JsonNode.Parse("""
                {
                  "ImageId": "ami-0abcdef1234567890",
                  "InstanceType": "t3.small",
                  "SecurityGroupIds": ["sg-0aaaaaaaaaaaaaaaa"],
                  "BlockDeviceMappings": [{ "DeviceName": "/dev/xvda", "Ebs": { "VolumeSize": 8 } }],
                  "TagSpecifications": [
                    { "ResourceType": "instance", "Tags": [{ "Key": "Name", "Value": "fleet" }] },
                    { "ResourceType": "volume", "Tags": [{ "Key": "Name", "Value": "fleet" }] }
                  ]
                }
                """)!.AsObject(),
        },
        GroupSubnets = new Dictionary<string, IReadOnlyList<string>> { ["blue"] = ["subnet-0bbbbbbbbbbbbbbbb", "subnet-0cccccccccccccccc"] },
        InstanceProfileRoles = new Dictionary<string, IReadOnlyList<string>> { ["FleetProfile"] = ["arn:aws:iam::123456789012:role/FleetInstanceRole"] },
    };

    public static AuthorizationRequest Request(string action, string resource, params (string Key, string Value)[] context) => new()
    {
        Action = action,
        Resource = resource,
        Context = context.ToDictionary(c => c.Key, c => (IReadOnlyList<string>)[c.Value]),
    };
}
