using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Authorization;

/// <summary>
/// The IAM side of one synthesized template, resolved with the fake values of the definitions
/// (<c>scripts/rehearsal/resolve-policies.mjs</c>): every role and its policies, the role each state machine and
/// custom resource runs as, and the resources whose configuration decides what a request needs (the KMS key of a
/// topic, the launch template and subnets of a group).
/// </summary>
public sealed record StackPolicies
{
    /// <summary>Every role by logical id.</summary>
    public required IReadOnlyDictionary<string, RolePolicies> Roles { get; init; }

    /// <summary>The role (logical id) of each state machine (logical id).</summary>
    public required IReadOnlyDictionary<string, string> StateMachineRoles { get; init; }

    /// <summary>Every SDK call of the template's custom resources.</summary>
    public required IReadOnlyList<CustomResourceCall> CustomResourceCalls { get; init; }

    /// <summary>The key policy of each KMS key, by key ARN.</summary>
    public required IReadOnlyDictionary<string, JsonObject> KeyPolicies { get; init; }

    /// <summary>The KMS key (as the topic names it: ARN, id or alias) of each encrypted topic, by topic ARN.</summary>
    public required IReadOnlyDictionary<string, string> TopicKeys { get; init; }

    /// <summary>The launch-template data of each launch template, by id.</summary>
    public required IReadOnlyDictionary<string, JsonObject> LaunchTemplates { get; init; }

    /// <summary>The subnets (<c>VPCZoneIdentifier</c>) of each Auto Scaling group, by group name.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> GroupSubnets { get; init; }

    /// <summary>The role ARNs of each instance profile, by profile name and by profile ARN.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> InstanceProfileRoles { get; init; }

    /// <summary>The policies of the role <paramref name="stateMachineLogicalId"/> runs as.</summary>
    /// <exception cref="KeyNotFoundException">The template has no such state machine, or its role is not in the template.</exception>
    public RolePolicies RoleOfStateMachine(string stateMachineLogicalId) =>
        StateMachineRoles.TryGetValue(stateMachineLogicalId, out var role) && Roles.TryGetValue(role, out var policies)
            ? policies
            : throw new KeyNotFoundException($"The template names no role of state machine {stateMachineLogicalId}.");

    /// <summary>A copy in which <paramref name="role"/> replaces the role of the same logical id.</summary>
    public StackPolicies WithRole(RolePolicies role)
    {
        ArgumentNullException.ThrowIfNull(role);
        var roles = new Dictionary<string, RolePolicies>(Roles, StringComparer.Ordinal) { [role.LogicalId] = role };
        return this with { Roles = roles };
    }

    /// <summary>The ARN of the KMS key that encrypts <paramref name="topicArn"/>, or <see langword="null"/> when it is not encrypted.</summary>
    public string? KeyOfTopic(string topicArn)
    {
        if (!TopicKeys.TryGetValue(topicArn, out var key))
        {
            return null;
        }

        // KmsMasterKeyId may be a key ARN, a key id or an alias (SNS API, SetTopicAttributes).
        return KeyPolicies.Keys.FirstOrDefault(arn => arn == key || arn.EndsWith("/" + key, StringComparison.Ordinal)) ?? key;
    }
}
