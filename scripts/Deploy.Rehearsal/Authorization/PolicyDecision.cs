namespace Deploy.Rehearsal.Authorization;

/// <summary>
/// How IAM decides a request (<see href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html">policy
/// evaluation logic</see>): allowed, denied because nothing allows it, or denied by a <c>Deny</c> statement.
/// </summary>
public enum PolicyDecision
{
    /// <summary>An applicable statement allows it and none denies it.</summary>
    Allowed,

    /// <summary>No applicable statement allows it.</summary>
    ImplicitlyDenied,

    /// <summary>An applicable statement denies it.</summary>
    ExplicitlyDenied,
}
