using Deploy.Contracts;

namespace Deploy.HealthCheck.Internal;

/// <summary>The composite alarm's check, in either phase.</summary>
internal static class AlarmCheck
{
    /// <summary>
    /// After traffic, <c>ALARM</c> is Unhealthy. Before traffic it is Pending: the color's alarm goes to <c>ALARM</c> while its
    /// instances boot (HealthyHosts below its threshold), and traffic must not start until it is back to <c>OK</c> — a
    /// composite alarm that stays in <c>ALARM</c> changes no state when a real failure follows, so it sends no EventBridge
    /// event and starts no Rollback ("Alarm state change events", CloudWatch User Guide), and the first probe after traffic
    /// would judge a healthy color Unhealthy. <c>OK</c>, <c>INSUFFICIENT_DATA</c> or not given: passes.
    /// </summary>
    public static Check For(string? alarmState, HealthPhase phase) => alarmState switch
    {
        AlarmStates.Alarm when phase == HealthPhase.BeforeTraffic => new Check(HealthStatus.Pending, HealthReasons.AlarmInAlarmBeforeTraffic),
        AlarmStates.Alarm => new Check(HealthStatus.Unhealthy, HealthReasons.AlarmInAlarm),
        AlarmStates.Ok => new Check(HealthStatus.Healthy, HealthReasons.AlarmOk),
        AlarmStates.InsufficientData => new Check(HealthStatus.Healthy, HealthReasons.AlarmInsufficientData),
        _ => new Check(HealthStatus.Healthy, HealthReasons.AlarmNotGiven),
    };
}
