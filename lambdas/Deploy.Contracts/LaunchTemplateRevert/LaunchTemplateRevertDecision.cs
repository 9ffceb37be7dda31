using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>
/// The LaunchTemplateRevert handler's output. On an error: action
/// <see cref="RevertAction.NothingToDo"/>, the reason holds the error's cause, no request, and
/// <see cref="Error"/> set; the state machine tests <c>$.error</c> before <c>$.action</c>.
/// </summary>
public sealed record LaunchTemplateRevertDecision
{
    /// <summary>The decision.</summary>
    public required RevertAction Action { get; init; }

    /// <summary>Why, with the current and recorded version and capacity.</summary>
    public required string Reason { get; init; }

    /// <summary>The exact UpdateAutoScalingGroup request to apply; <see langword="null"/> (written) unless the action is Revert.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public UpdateAutoScalingGroupRequest? Request { get; init; }

    /// <summary>
    /// <see langword="null"/> on success (always written); otherwise <see cref="DeployErrors.MalformedInput"/>
    /// or <see cref="DeployErrors.RevertConflict"/>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DeployError? Error { get; init; }

    /// <summary>The decision for an input that could not be decided: NothingToDo, the cause as the reason, no request.</summary>
    /// <param name="error">The error: <see cref="DeployErrors.MalformedInput"/> or <see cref="DeployErrors.RevertConflict"/>.</param>
    public static LaunchTemplateRevertDecision ForError(DeployError error) => new()
    {
        Action = RevertAction.NothingToDo,
        Reason = error.Cause,
        Error = error,
    };
}
