namespace Deploy.Rehearsal.Simulation.ApiModels;

/// <summary>One way a request or response does not fit its shape in the API model.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Path">Where, in Step Functions' spelling (<c>Actions[0].ForwardConfig.TargetGroups[1].Weight</c>).</param>
/// <param name="WirePath">Where, as AWS validation messages spell it (<c>actions.1.member.forwardConfig.targetGroups.2.member.weight</c>).</param>
/// <param name="Field">The member's name as Step Functions spells it (the last segment of <paramref name="Path"/>).</param>
/// <param name="Value">The offending value as text (a string's content, else its JSON); <see langword="null"/> for an absent member.</param>
/// <param name="Constraint">The rule it breaks, worded as AWS words it (<c>Member must not be null</c>).</param>
public sealed record ShapeViolation(ViolationKind Kind, string Path, string WirePath, string Field, string? Value, string Constraint)
{
    /// <inheritdoc />
    public override string ToString() => $"{(Path.Length == 0 ? "(root)" : Path)}: {Constraint}{(Value is null ? string.Empty : $" (got {Value})")}";
}
