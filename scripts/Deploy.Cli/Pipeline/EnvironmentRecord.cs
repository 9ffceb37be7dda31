using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Deploy.Contracts.Flows;

namespace Deploy.Cli.Pipeline;

/// <summary>
/// The environment's state item as the flows keep it (read through the HealthProbe state machine with
/// <c>readRecord</c>, so operators need no DynamoDB permission): the lock holder and what is known about the colors.
/// </summary>
/// <param name="LockedBy">The execution ARN holding the lock, or null when it is free.</param>
/// <param name="LiveColor">The color the flows recorded as live.</param>
/// <param name="PreviousColor">The color that was live before it.</param>
/// <param name="PreviousWarm">Whether the previous color still has instances and may take traffic back (a rollback target).</param>
/// <param name="DeployingColor">The color the lock holder is deploying to, when a deployment holds the lock.</param>
/// <param name="RollbackRequestedBy">The Rollback execution that signalled the running deployment, if any.</param>
public sealed record EnvironmentRecord(string? LockedBy, string? LiveColor, string? PreviousColor, bool PreviousWarm, string? DeployingColor,
    string? RollbackRequestedBy)
{
    /// <summary>The record from a probe's <c>record</c> (GetItem's answer: <c>{ "Item": { … } }</c>, or no Item); null when absent.</summary>
    public static EnvironmentRecord? From(JsonNode? record)
    {
        if (record is not JsonObject answer)
        {
            return null;
        }

        var item = answer[StatePath.Name<StateItemRead>(r => r.Item)] as JsonObject ?? new JsonObject();
        string? S(Expression<Func<StateItem, object?>> attribute) =>
            item[StateItem.Name(attribute)]?[StatePath.Name<StringAttribute>(a => a.S)]?.GetValue<string>();
        var previousWarm = item[StateItem.Name(i => i.PreviousWarm)]?[StatePath.Name<BooleanAttribute>(a => a.BOOL)]?.GetValue<bool>() == true;
        return new EnvironmentRecord(S(i => i.LockedBy), S(i => i.LiveColor), S(i => i.PreviousColor), previousWarm,
            S(i => i.DeployingColor), S(i => i.RollbackRequestedBy));
    }

    /// <summary>The record as JSON (<c>--output json</c>).</summary>
    public JsonObject Json() => new()
    {
        ["lockedBy"] = LockedBy,
        ["liveColor"] = LiveColor,
        ["previousColor"] = PreviousColor,
        ["previousWarm"] = PreviousWarm,
        ["deployingColor"] = DeployingColor,
        ["rollbackRequestedBy"] = RollbackRequestedBy,
    };

    /// <summary>One line on the lock: free, or its holder (with the color it deploys to).</summary>
    public string LockLine() => LockedBy is null
        ? "free"
        : $"held by {LockedBy}" + (DeployingColor is null ? string.Empty : $" (deploying to {DeployingColor})");

    /// <summary>
    /// One line on the previous color: whether a rollback can put traffic back on it, or, when traffic is on a color the
    /// record does not name live (after a failed rollback), that a rollback restores the recorded live color once it
    /// has checked that color still serves.
    /// </summary>
    /// <param name="trafficOn">The color the rule sends 100 % to, or null when traffic is split or unknown.</param>
    public string PreviousLine(string? trafficOn)
    {
        if (PreviousWarm && PreviousColor is not null)
        {
            return $"{PreviousColor} (warm: a rollback can put traffic back on it)";
        }

        if (LiveColor is not null && trafficOn is not null && trafficOn != LiveColor)
        {
            return (PreviousColor is null ? "none recorded" : $"{PreviousColor} (not warm)")
                + $"; traffic is on {trafficOn}, which the record does not name live: a rollback restores {LiveColor} once its instances are checked";
        }

        return PreviousColor is null ? "none recorded" : $"{PreviousColor} (not warm: nothing to roll back to)";
    }
}
