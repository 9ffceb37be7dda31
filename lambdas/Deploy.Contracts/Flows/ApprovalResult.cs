namespace Deploy.Contracts.Flows;

/// <summary>
/// The approval task's output: what <c>approve</c> sends with SendTaskSuccess, kept in the Deploy state as
/// <see cref="DeployState.Approval"/> and read back from the execution's history by <c>status</c> and <c>history</c>.
/// </summary>
public sealed record ApprovalResult
{
    /// <summary>Who approved.</summary>
    public string ApprovedBy { get; init; } = null!;

    /// <summary>Why, as given (may be absent).</summary>
    public string? Reason { get; init; }
}
