namespace Deploy.Constructs.Internal;

/// <summary>
/// The phases of a deployment as the Deploy definition declares them for its readers (the CLI's <c>status --detailed</c>
/// timeline): the first state of each phase carries a <c>Comment</c> that begins with <c>[phase:NAME]</c>, and every
/// state entered after it belongs to that phase until the next such state. Readers take the phases from the
/// definition, never from state names.
/// </summary>
internal static class FlowPhases
{
    /// <summary>The request is validated (and defaults applied).</summary>
    public const string Validate = "validate";

    /// <summary>The lock is taken.</summary>
    public const string Lock = "lock";

    /// <summary>Another execution holds the lock: the deployment is refused, nothing changed.</summary>
    public const string Refused = "refused";

    /// <summary>The live color is found, the idle group prepared (new launch-template version, pinned, scaled).</summary>
    public const string Prepare = "prepare";

    /// <summary>The new instances boot; nothing is probed yet.</summary>
    public const string Grace = "grace";

    /// <summary>The new color is probed before it takes traffic.</summary>
    public const string Health = "health";

    /// <summary>An operator's approval is awaited.</summary>
    public const string Approval = "approval";

    /// <summary>Traffic moves step by step, probed between steps.</summary>
    public const string Traffic = "traffic";

    /// <summary>All traffic on the new color, probed until the bake ends.</summary>
    public const string Bake = "bake";

    /// <summary>The new color is recorded live, the lock released, the retire of the previous color scheduled.</summary>
    public const string Finalize = "finalize";

    /// <summary>Traffic back on the live color, the failed color reverted and scaled in, the lock released.</summary>
    public const string Rollback = "rollback";

    /// <summary>A failure before the idle group was touched: the lock released, nothing else changed.</summary>
    public const string Failed = "failed";

    /// <summary>A retire execution: the previous color kept warm, then scaled in.</summary>
    public const string Retire = "retire";

    /// <summary>The comment of a phase's first state: the tag, then what the state does.</summary>
    public static string Tag(string phase, string? comment = null) =>
        $"[phase:{phase}]" + (string.IsNullOrEmpty(comment) ? string.Empty : " " + comment);
}
