namespace Deploy.HealthCheck.Internal;

/// <summary>CloudWatch alarm <c>StateValue</c>s.</summary>
internal static class AlarmStates
{
    public const string Ok = "OK";
    public const string Alarm = "ALARM";
    public const string InsufficientData = "INSUFFICIENT_DATA";
}
