namespace Deploy.Conformance.Tests.Replay;

/// <summary>
/// One way the world's answer to a call differs from moto's.
/// </summary>
/// <param name="Api">The integration and action, as the Task resource names it (<c>elasticloadbalancingv2:modifyRule</c>, <c>states:startExecution.sync:2</c>).</param>
/// <param name="Kind">One of <see cref="Kinds"/>.</param>
/// <param name="Path">Where: a response member path (<c>Rules[].IsDefault</c>) or a key value (<c>weights(blue)</c>); empty for the whole answer.</param>
/// <param name="Detail">What each side answered.</param>
/// <param name="Where">The scenario or case, execution and state of the call.</param>
public sealed record Difference(string Api, string Kind, string Path, string Detail, string Where)
{
    /// <summary>The kinds of difference.</summary>
    public static readonly IReadOnlyList<string> Kinds = [WorldOmits, MotoOmits, Type, Value, Error, Outcome];

    /// <summary>moto's answer has a member the world's lacks.</summary>
    public const string WorldOmits = "world-omits";

    /// <summary>The world's answer has a member moto's lacks.</summary>
    public const string MotoOmits = "moto-omits";

    /// <summary>The same member has different JSON types.</summary>
    public const string Type = "type";

    /// <summary>A key value differs (weights, sizes, versions, item attributes, …).</summary>
    public const string Value = "value";

    /// <summary>Both failed, with different Step Functions error names.</summary>
    public const string Error = "error";

    /// <summary>One side succeeded and the other failed.</summary>
    public const string Outcome = "outcome";

    /// <summary>The difference without where it was seen (what the accepted list matches).</summary>
    public string Key => $"{Api} {Kind} {Path}";

    /// <inheritdoc />
    public override string ToString() => $"{Key}: {Detail} (at {Where})";
}
