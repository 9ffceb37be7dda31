using Deploy.Contracts;

namespace Deploy.HealthCheck.Internal;

/// <summary>The outcome of one check: a status and its reason with figures.</summary>
internal readonly record struct Check(HealthStatus Status, string Reason);
