namespace Deploy.Rehearsal;

/// <summary>
/// The template resource behind a fake value that replaced a <c>Ref</c> or <c>Fn::GetAtt</c> in a
/// resolved definition (see <c>scripts/rehearsal/resolve-definition.mjs</c> for the fake values).
/// </summary>
public sealed record ResourceReference
{
    /// <summary>The resource's logical id, for example <c>PipelineTopic95C94D25</c>.</summary>
    public required string LogicalId { get; init; }

    /// <summary>The resource's CloudFormation type, for example <c>AWS::SNS::Topic</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The attribute for <c>Fn::GetAtt</c> (for example <c>Arn</c>); <see langword="null"/> for <c>Ref</c>.</summary>
    public string? Attribute { get; init; }
}
