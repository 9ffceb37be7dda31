namespace Deploy.Contracts.Flows;

/// <summary>The output of a Rollback execution that left traffic where it is (it ends <c>Succeed</c>; a restore ends <c>Fail</c> with <c>Deploy.RolledBack</c>).</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record RollbackOutput
{
    /// <summary>Always false: nothing was restored.</summary>
    public bool Restored { get; init; }

    /// <summary>Why.</summary>
    public string Reason { get; init; } = null!;

    /// <summary>The alarm that triggered the rollback (when it was the deploying color's).</summary>
    public string AlarmName { get; init; } = null!;

    /// <summary>The running deployment that decides (when it was the deploying color's alarm).</summary>
    public string Deployment { get; init; } = null!;
}
