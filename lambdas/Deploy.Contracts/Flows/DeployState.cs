using System.Linq.Expressions;

namespace Deploy.Contracts.Flows;

/// <summary>
/// The data of a Deploy execution: its input (a deployment request, or <see cref="RetirePrevious"/>) and every field its
/// states write. A successful deployment's output is this state.
/// </summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without
/// <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record DeployState : FlowState
{
    /// <summary>The input of a retire execution; absent in a deployment.</summary>
    public RetireRequest RetirePrevious { get; init; } = null!;

    /// <summary>The ValidateRequest handler's output: the request with defaults applied, or the error.</summary>
    public ValidateRequestOutput Validation { get; init; } = null!;

    /// <summary>The state item after the lock was taken.</summary>
    public StateItemUpdate Lock { get; init; } = null!;

    /// <summary>The state item read back when the lock was held by another execution.</summary>
    public StateItemRead LockHolder { get; init; } = null!;

    /// <summary>Which color is live and which is deployed.</summary>
    public DeployColors Colors { get; init; } = null!;

    /// <summary>The live color's group, described before the deployment changes anything.</summary>
    public GroupRead LiveGroup { get; init; } = null!;

    /// <summary>The idle color's group, described before the deployment changes it (what a rollback reverts it to).</summary>
    public GroupRead IdleGroup { get; init; } = null!;

    /// <summary>The idle group, described while it scales in.</summary>
    public GroupRead Draining { get; init; } = null!;

    /// <summary>The checks left while the idle group scales in.</summary>
    public DrainChecks Drain { get; init; } = null!;

    /// <summary>The launch-template version the idle group is pinned to.</summary>
    public NewLaunchTemplateVersion NewVersion { get; init; } = null!;

    /// <summary>What the deployment counts (time, polls, bake checks).</summary>
    public Counters Counters { get; init; } = null!;

    /// <summary>The approval's result (the CLI's SendTaskSuccess output).</summary>
    public ApprovalResult Approval { get; init; } = null!;

    /// <summary>The approval's rejection or timeout.</summary>
    public ErrorInfo ApprovalFailure { get; init; } = null!;

    /// <summary>The traffic shift's progress.</summary>
    public ShiftProgress Shift { get; init; } = null!;

    /// <summary>The state item read after a traffic step, for the rollback signal.</summary>
    public StateItemRead Signal { get; init; } = null!;

    /// <summary>The failed condition of the check for the rollback signal before a step.</summary>
    public ErrorInfo SignalCheck { get; init; } = null!;

    /// <summary>The listener rule read back after the rollback's restore.</summary>
    public RuleRead Restored { get; init; } = null!;

    /// <summary>The error of a restore that failed.</summary>
    public ErrorInfo RestoreFailure { get; init; } = null!;

    /// <summary>Why the deployment rolled back.</summary>
    public RollbackReason Rollback { get; init; } = null!;

    /// <summary>Why the failed color was left as it is after the rollback.</summary>
    public CleanupOutcome Cleanup { get; init; } = null!;

    /// <summary>The duration a rolled-back deployment records.</summary>
    public RecordedDuration Duration { get; init; } = null!;

    /// <summary>The path of <paramref name="member"/> (<c>$.colors.idle</c>).</summary>
    public static string Path(Expression<Func<DeployState, object?>> member) => StatePath.Of(member);
}
