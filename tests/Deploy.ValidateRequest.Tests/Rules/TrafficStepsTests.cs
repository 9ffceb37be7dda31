using Deploy.Contracts;
using Deploy.Rules;

namespace Deploy.ValidateRequest.Tests.Rules;

public class TrafficStepsTests
{
    [Theory]
    [InlineData(DeploymentStrategy.AllAtOnce, 10, 20, new[] { 100 })]
    [InlineData(DeploymentStrategy.Canary, 10, 20, new[] { 10, 100 })]
    [InlineData(DeploymentStrategy.Canary, 1, 20, new[] { 1, 100 })]
    [InlineData(DeploymentStrategy.Canary, 99, 20, new[] { 99, 100 })]
    [InlineData(DeploymentStrategy.Linear, 10, 30, new[] { 30, 60, 90, 100 })]
    [InlineData(DeploymentStrategy.Linear, 10, 20, new[] { 20, 40, 60, 80, 100 })]
    [InlineData(DeploymentStrategy.Linear, 10, 25, new[] { 25, 50, 75, 100 })]
    [InlineData(DeploymentStrategy.Linear, 10, 33, new[] { 33, 66, 99, 100 })]
    [InlineData(DeploymentStrategy.Linear, 10, 50, new[] { 50, 100 })]
    public void Plan_Strategy_ReturnsWeightsEndingAt100(DeploymentStrategy strategy, int canary, int linear, int[] expected)
    {
        // Act
        var steps = TrafficSteps.Plan(strategy, canary, linear);

        // Assert
        Assert.Equal(expected, steps);
    }

    [Fact]
    public void Plan_LinearStepOfOne_ReturnsOneHundredDistinctSteps()
    {
        // Act
        var steps = TrafficSteps.Plan(DeploymentStrategy.Linear, 10, 1);

        // Assert
        Assert.Equal(Enumerable.Range(1, 100), steps);
    }

    [Theory]
    [InlineData(DeploymentStrategy.Canary, 0, 20)]
    [InlineData(DeploymentStrategy.Canary, 100, 20)]
    [InlineData(DeploymentStrategy.Linear, 10, 0)]
    [InlineData(DeploymentStrategy.Linear, 10, 51)]
    [InlineData((DeploymentStrategy)42, 10, 20)]
    public void Plan_OutOfRange_Throws(DeploymentStrategy strategy, int canary, int linear)
    {
        // Act
        var act = () => TrafficSteps.Plan(strategy, canary, linear);

        // Assert
        Assert.Throws<ArgumentOutOfRangeException>(act);
    }
}
