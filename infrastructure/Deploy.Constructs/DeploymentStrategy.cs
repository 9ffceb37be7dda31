namespace Deploy.Constructs;

/// <summary>How traffic moves from the live color to the verified new one.</summary>
public enum DeploymentStrategy
{
    /// <summary>One listener-rule change from 0 % to 100 %.</summary>
    AllAtOnce,

    /// <summary><see cref="DeploymentConfiguration.CanaryPercentage"/> %, a bake of <see cref="DeploymentConfiguration.BakeTime"/>, then 100 %.</summary>
    Canary,

    /// <summary>Steps of <see cref="DeploymentConfiguration.LinearStepPercentage"/> % every <see cref="DeploymentConfiguration.LinearInterval"/> until 100 %.</summary>
    Linear,
}
