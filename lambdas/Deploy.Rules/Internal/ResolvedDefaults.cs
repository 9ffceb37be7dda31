using Deploy.Contracts;

namespace Deploy.Rules.Internal;

/// <summary>The environment defaults after the built-in fallbacks were applied.</summary>
internal sealed record ResolvedDefaults(DeploymentStrategy Strategy, int CanaryPercentage, int LinearStepPercentage);
