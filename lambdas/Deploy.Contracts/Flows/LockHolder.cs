namespace Deploy.Contracts.Flows;

/// <summary>What the Unlock flow learned of the lock's holder: its execution status, or <see cref="UnlockResult.HolderDoesNotExist"/>.</summary>
/// <remarks>Declares where the flow keeps data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>.</remarks>
public sealed record LockHolder
{
    /// <summary>The holder's status (<see cref="DescribeExecutionResult.Status"/>), or <see cref="UnlockResult.HolderDoesNotExist"/>.</summary>
    public string Status { get; init; } = null!;
}
