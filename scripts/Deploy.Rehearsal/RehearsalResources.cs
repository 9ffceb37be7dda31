namespace Deploy.Rehearsal;

/// <summary>
/// The resources of the states that the rehearsal engine rewrites into Task states before running
/// a definition (see <c>scripts/rehearsal/prepare-definition.mjs</c>).
/// </summary>
public static class RehearsalResources
{
    /// <summary>
    /// The resource of a Wait state, rewritten into a Task so that the handler governs simulated
    /// time: the call carries <see cref="TaskCall.WaitSeconds"/> or
    /// <see cref="TaskCall.WaitTimestamp"/>, and the answer is the state's output (normally its
    /// input, unchanged, as a Wait state passes it on).
    /// </summary>
    public const string Wait = "arn:aws:states:::rehearsal:wait";

    /// <summary>
    /// The resource of a Fail state, rewritten into a Task so that ErrorPath and CausePath may use
    /// intrinsic functions as in AWS. Answered by the engine itself; never sent to a handler.
    /// </summary>
    public const string Fail = "arn:aws:states:::rehearsal:fail";
}
