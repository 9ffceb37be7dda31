using Deploy.Contracts;

namespace Deploy.Rules.Internal;

/// <summary>Parses a strategy name case-insensitively; the enum gives the canonical casing back.</summary>
internal static class StrategyNames
{
    public static bool TryParse(string text, out DeploymentStrategy strategy)
    {
        foreach (var candidate in Enum.GetValues<DeploymentStrategy>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                strategy = candidate;
                return true;
            }
        }

        strategy = default;
        return false;
    }
}
