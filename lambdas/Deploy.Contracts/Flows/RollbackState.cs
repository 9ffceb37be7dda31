using System.Linq.Expressions;
using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>
/// The data of a Rollback execution: its input (a <see cref="RollbackRequest"/>) and every field its states write.
/// </summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without
/// <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record RollbackState : FlowState
{
    /// <summary>Input: <c>alarm</c> or <c>operator</c>.</summary>
    [JsonPropertyName(RollbackRequest.TriggerField)]
    public string Trigger { get; init; } = null!;

    /// <summary>Input: the composite alarm that entered ALARM (alarm trigger only).</summary>
    [JsonPropertyName(RollbackRequest.AlarmNameField)]
    public string AlarmName { get; init; } = null!;

    /// <summary>Input: why the rollback was requested.</summary>
    [JsonPropertyName(RollbackRequest.ReasonField)]
    public string Reason { get; init; } = null!;

    /// <summary>The state item, read once at the start: the decision is made from it.</summary>
    public StateItemRead State { get; init; } = null!;

    /// <summary>The listener rule read back after the restore.</summary>
    public RuleRead ReadBack { get; init; } = null!;

    /// <summary>Why traffic was left where it is.</summary>
    public SkipReason Skipped { get; init; } = null!;

    /// <summary>The group of the color a verified restore checks.</summary>
    public GroupRead Target { get; init; } = null!;

    /// <summary>The launch-template version that color must run.</summary>
    public ExpectedVersion Expected { get; init; } = null!;

    /// <summary>One verdict per instance of that group (<c>serving</c>, <c>otherVersion</c>, <c>notServing</c>).</summary>
    public IReadOnlyList<string> Instances { get; init; } = null!;

    /// <summary>What the instances showed.</summary>
    public InstanceTally Tally { get; init; } = null!;

    /// <summary>The error of a StopExecution of the deployment that failed (the restore follows either way).</summary>
    public ErrorInfo StopFailure { get; init; } = null!;

    /// <summary>The error of a rollback signal that could not be set.</summary>
    public ErrorInfo SignalFailure { get; init; } = null!;

    /// <summary>The error of a write that forgets the live color.</summary>
    public ErrorInfo ForgetFailure { get; init; } = null!;

    /// <summary>The failed condition of a repeated notification for the same alarm.</summary>
    public ErrorInfo AlreadyNotified { get; init; } = null!;

    /// <summary>The error of a notification that failed.</summary>
    public ErrorInfo NotifyFailure { get; init; } = null!;

    /// <summary>The path of <paramref name="member"/> (<c>$.state.Item.liveColor.S</c>).</summary>
    public static string Path(Expression<Func<RollbackState, object?>> member) => StatePath.Of(member);
}
