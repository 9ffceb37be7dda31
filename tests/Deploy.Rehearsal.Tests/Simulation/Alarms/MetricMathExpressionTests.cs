using Deploy.Rehearsal.Simulation.Alarms;

namespace Deploy.Rehearsal.Tests.Simulation.Alarms;

public class MetricMathExpressionTests
{
    private static readonly MetricMathExpression HealthyPercent = MetricMathExpression.Parse("100 * healthy / (healthy + unhealthy)");

    [Theory]
    [InlineData(3.0, 1.0, 75.0)]
    [InlineData(0.0, 2.0, 0.0)]
    [InlineData(2.0, null, 100.0)]
    public void Evaluate_HealthyPercentage_MissingCountsAsZero(double? healthy, double? unhealthy, double expected)
    {
        // Act
        var value = HealthyPercent.Evaluate(id => id == "healthy" ? healthy : unhealthy);

        // Assert
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Evaluate_ZeroByZero_DatapointDropped()
    {
        // Act: an empty color's target group: 0 healthy, 0 unhealthy.
        var value = HealthyPercent.Evaluate(_ => 0);

        // Assert
        Assert.Null(value);
    }

    [Fact]
    public void Evaluate_EveryMetricMissing_NoDatapoint()
    {
        // Act
        var value = HealthyPercent.Evaluate(_ => null);

        // Assert
        Assert.Null(value);
        Assert.Equal(["healthy", "unhealthy"], HealthyPercent.Ids);
    }

    [Theory]
    [InlineData("SUM(METRICS())")]
    [InlineData("FILL(m1, 0)")]
    [InlineData("m1 > 5")]
    public void Parse_FunctionOrComparison_RefusedAsNotSimulated(string expression)
    {
        // Act
        var error = Assert.Throws<NotSupportedException>(() => MetricMathExpression.Parse(expression));

        // Assert
        Assert.StartsWith($"Metric math expression '{expression}': only numbers, metric ids, + - * / and parentheses are simulated", error.Message, StringComparison.Ordinal);
    }
}
