namespace Deploy.HealthCheck.Internal;

/// <summary>When a health check runs relative to the traffic switch.</summary>
internal enum HealthPhase
{
    /// <summary>The color has no traffic yet: only target health is judged.</summary>
    BeforeTraffic,

    /// <summary>The color serves traffic: target health, metrics and the composite alarm are judged.</summary>
    AfterTraffic,
}
