using System.Text.Json.Nodes;

namespace Deploy.Rehearsal;

/// <summary>A state machine of a synthesized template with its definition resolved to concrete JSON.</summary>
public sealed record ResolvedStateMachine
{
    /// <summary>The state machine's logical id in the template.</summary>
    public required string LogicalId { get; init; }

    /// <summary>The definition, with every CloudFormation intrinsic replaced by a deterministic fake value.</summary>
    public required JsonObject Definition { get; init; }

    /// <summary>Every fake value of this definition, mapped to the template resource it stands for.</summary>
    public required IReadOnlyDictionary<string, ResourceReference> References { get; init; }

    /// <summary>
    /// The fake value that stands for <paramref name="logicalId"/> in the definition: its
    /// <c>Fn::GetAtt</c> value for <paramref name="attribute"/>, or its <c>Ref</c> value when
    /// <paramref name="attribute"/> is <see langword="null"/>.
    /// </summary>
    /// <param name="logicalId">The resource's logical id.</param>
    /// <param name="attribute">The attribute; <see langword="null"/> for <c>Ref</c>.</param>
    /// <exception cref="KeyNotFoundException">The definition does not reference that resource (that way).</exception>
    public string ValueOf(string logicalId, string? attribute = null)
    {
        foreach (var (value, reference) in References)
        {
            if (reference.LogicalId == logicalId && reference.Attribute == attribute)
            {
                return value;
            }
        }

        var how = attribute is null ? "Ref" : $"Fn::GetAtt {attribute}";
        throw new KeyNotFoundException($"The definition of {LogicalId} does not reference {logicalId} by {how}.");
    }
}
