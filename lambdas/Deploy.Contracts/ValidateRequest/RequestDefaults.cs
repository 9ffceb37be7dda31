namespace Deploy.Contracts;

/// <summary>
/// The environment's defaults for fields the deployment request leaves out. Each missing default
/// falls back to the built-in one: <see cref="DeploymentStrategy.AllAtOnce"/>, canary 10%, linear step 20%.
/// </summary>
public sealed record RequestDefaults
{
    /// <summary>The built-in strategy when neither the request nor the environment gives one.</summary>
    public const DeploymentStrategy BuiltInStrategy = DeploymentStrategy.AllAtOnce;

    /// <summary>The built-in canary percentage.</summary>
    public const int BuiltInCanaryPercentage = 10;

    /// <summary>The built-in linear step percentage.</summary>
    public const int BuiltInLinearStepPercentage = 20;

    /// <summary><c>AllAtOnce</c>, <c>Canary</c> or <c>Linear</c> (case-insensitive). Default: <c>AllAtOnce</c>.</summary>
    public string? Strategy { get; init; }

    /// <summary>Percentage of traffic for the canary step, 1-99. Default: 10.</summary>
    public int? CanaryPercentage { get; init; }

    /// <summary>Percentage of traffic added per linear step, 1-50. Default: 20.</summary>
    public int? LinearStepPercentage { get; init; }
}
