using Deploy.Contracts;

namespace Deploy.Rules;

/// <summary>Computes the sequence of weights (percent of traffic to the new color) a strategy applies.</summary>
public static class TrafficSteps
{
    /// <summary>
    /// The weights in order, ending at 100 with no duplicates: AllAtOnce [100]; Canary
    /// [<paramref name="canaryPercentage"/>, 100]; Linear [s, 2s, ..., 100] where the last step is
    /// capped at 100 (for example 30 gives [30, 60, 90, 100]).
    /// </summary>
    /// <param name="strategy">The strategy.</param>
    /// <param name="canaryPercentage">The canary step, 1-99; used by Canary.</param>
    /// <param name="linearStepPercentage">The linear step, 1-50; used by Linear.</param>
    /// <exception cref="ArgumentOutOfRangeException">The strategy is undefined, or a percentage it uses is out of range.</exception>
    public static IReadOnlyList<int> Plan(DeploymentStrategy strategy, int canaryPercentage, int linearStepPercentage)
    {
        switch (strategy)
        {
            case DeploymentStrategy.Canary:
                ArgumentOutOfRangeException.ThrowIfLessThan(canaryPercentage, 1);
                ArgumentOutOfRangeException.ThrowIfGreaterThan(canaryPercentage, 99);
                return [canaryPercentage, 100];
            case DeploymentStrategy.Linear:
                ArgumentOutOfRangeException.ThrowIfLessThan(linearStepPercentage, 1);
                ArgumentOutOfRangeException.ThrowIfGreaterThan(linearStepPercentage, 50);
                var steps = new List<int>(100 / linearStepPercentage + 1);
                for (var weight = linearStepPercentage; weight < 100; weight += linearStepPercentage)
                {
                    steps.Add(weight);
                }

                steps.Add(100);
                return steps;
            case DeploymentStrategy.AllAtOnce:
                return [100];
            default:
                throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown deployment strategy.");
        }
    }
}
