using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Authorization;

/// <summary>One identity-based policy attached to a role, resolved from the synthesized template.</summary>
public sealed record RolePolicy
{
    /// <summary>The policy's name (<c>PolicyName</c>, or the managed policy's name or logical id).</summary>
    public required string Name { get; init; }

    /// <summary>Where it comes from: <c>AWS::IAM::Policy</c>, <c>AWS::IAM::ManagedPolicy</c> or <c>inline</c> (the role's <c>Policies</c>).</summary>
    public required string Source { get; init; }

    /// <summary>The policy document, with every intrinsic replaced by the fake value the definitions use.</summary>
    public required JsonObject Document { get; init; }
}
