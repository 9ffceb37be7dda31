using System.Text.Json.Nodes;

namespace Deploy.Contracts;

/// <summary>
/// The input of the Rollback state machine. From the alarm rule: <c>{ "trigger": "alarm", "alarmName", "reason",
/// "detectedAt" }</c>, taken from the CloudWatch alarm's state-change event (<see cref="Flows.AlarmStateChange"/>); from an
/// operator: <c>{ "trigger": "operator", "reason", "requestedBy" }</c>. The alarm's <c>detectedAt</c> and the operator's
/// <c>requestedBy</c> reach the notifications with the whole state; no state reads them.
/// </summary>
/// <param name="Trigger"><see cref="Alarm"/> or <see cref="Operator"/>.</param>
/// <param name="Reason">Why the rollback is requested.</param>
public sealed record RollbackRequest(string Trigger, string Reason)
{
    /// <summary>The trigger of a rollback the alarm rule starts.</summary>
    public const string Alarm = "alarm";

    /// <summary>The trigger of a rollback an operator starts.</summary>
    public const string Operator = "operator";

    /// <summary>The JSON member of <see cref="Trigger"/>.</summary>
    public const string TriggerField = "trigger";

    /// <summary>The JSON member of <see cref="AlarmName"/>.</summary>
    public const string AlarmNameField = "alarmName";

    /// <summary>The JSON member of <see cref="Reason"/>.</summary>
    public const string ReasonField = "reason";

    /// <summary>The JSON member of <see cref="DetectedAt"/>.</summary>
    public const string DetectedAtField = "detectedAt";

    /// <summary>The JSON member of <see cref="RequestedBy"/>.</summary>
    public const string RequestedByField = "requestedBy";

    /// <summary>The composite alarm that entered ALARM (alarm trigger only).</summary>
    public string? AlarmName { get; init; }

    /// <summary>When the alarm entered ALARM, the event's time (alarm trigger only).</summary>
    public string? DetectedAt { get; init; }

    /// <summary>Who asks (operator trigger only; Step Functions does not tell a flow who started it).</summary>
    public string? RequestedBy { get; init; }

    /// <summary>An operator's request.</summary>
    public static RollbackRequest ByOperator(string reason, string requestedBy) => new(Operator, reason) { RequestedBy = requestedBy };

    /// <summary>The execution input.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { [TriggerField] = Trigger, [ReasonField] = Reason };
        if (AlarmName is not null)
        {
            json[AlarmNameField] = AlarmName;
        }

        if (DetectedAt is not null)
        {
            json[DetectedAtField] = DetectedAt;
        }

        if (RequestedBy is not null)
        {
            json[RequestedByField] = RequestedBy;
        }

        return json;
    }
}
