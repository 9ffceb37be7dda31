using Deploy.Rehearsal.Simulation.Alarms;

namespace Deploy.Rehearsal.Tests.Simulation.Alarms;

public class AlarmRuleExpressionTests
{
    private static Func<string, string> States(params (string Name, string State)[] states) =>
        name => states.Single(s => s.Name == name).State;

    [Theory]
    [InlineData("OK", "OK", "OK", false)]
    [InlineData("ALARM", "OK", "OK", true)]
    [InlineData("OK", "OK", "ALARM", true)]
    [InlineData("INSUFFICIENT_DATA", "INSUFFICIENT_DATA", "INSUFFICIENT_DATA", false)]
    public void Evaluate_AnyOfAsCdkWritesIt_TrueWhenOneIsInAlarm(string a, string b, string c, bool expected)
    {
        // Arrange: the rule the template's composite alarms have (CDK AlarmRule.AnyOf, ARNs quoted).
        var rule = AlarmRuleExpression.Parse("(ALARM(\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:a\") OR ALARM(\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:b\") OR ALARM(\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:c\"))");

        // Act
        var value = rule.Evaluate(States(
            ("arn:aws:cloudwatch:us-east-1:123456789012:alarm:a", a),
            ("arn:aws:cloudwatch:us-east-1:123456789012:alarm:b", b),
            ("arn:aws:cloudwatch:us-east-1:123456789012:alarm:c", c)));

        // Assert
        Assert.Equal(expected, value);
        Assert.Equal(3, rule.Alarms.Count);
    }

    [Theory]
    [InlineData("ALARM", "ALARM", true)]
    [InlineData("ALARM", "OK", false)]
    [InlineData("OK", "ALARM", false)]
    public void Evaluate_And_TrueOnlyWhenBothAreInAlarm(string cpu, string disk, bool expected)
    {
        // Arrange: the user guide's first example, names unquoted.
        var rule = AlarmRuleExpression.Parse("ALARM(CPUUtilizationTooHigh) AND ALARM(DiskReadOpsTooHigh)");

        // Act
        var value = rule.Evaluate(States(("CPUUtilizationTooHigh", cpu), ("DiskReadOpsTooHigh", disk)));

        // Assert
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("ALARM", "OK", "OK", true)]
    [InlineData("ALARM", "OK", "ALARM", false)]
    [InlineData("OK", "ALARM", "OK", true)]
    [InlineData("OK", "OK", "OK", false)]
    public void Evaluate_OrInParenthesesAndOk_GroupsBeforeAnd(string cpu, string disk, string network, bool expected)
    {
        // Arrange: the user guide's third example.
        var rule = AlarmRuleExpression.Parse("(ALARM(CPUUtilizationTooHigh) OR ALARM(DiskReadOpsTooHigh)) AND OK(NetworkOutTooHigh)");

        // Act
        var value = rule.Evaluate(States(("CPUUtilizationTooHigh", cpu), ("DiskReadOpsTooHigh", disk), ("NetworkOutTooHigh", network)));

        // Assert
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Evaluate_AndBindsTighterThanOr_AOrBAndC()
    {
        // Arrange
        var rule = AlarmRuleExpression.Parse("ALARM(a) OR ALARM(b) AND ALARM(c)");

        // Act
        var value = rule.Evaluate(States(("a", "ALARM"), ("b", "OK"), ("c", "OK")));

        // Assert
        Assert.True(value);
    }

    [Fact]
    public void Evaluate_NotAndConstants_AsWritten()
    {
        // Arrange
        var rule = AlarmRuleExpression.Parse("ALARM(cpu) AND NOT ALARM(DeploymentInProgress) AND TRUE AND NOT FALSE");

        // Act
        var quiet = rule.Evaluate(States(("cpu", "ALARM"), ("DeploymentInProgress", "OK")));
        var deploying = rule.Evaluate(States(("cpu", "ALARM"), ("DeploymentInProgress", "ALARM")));

        // Assert
        Assert.True(quiet);
        Assert.False(deploying);
    }

    [Fact]
    public void Evaluate_InsufficientDataFunction_TrueOnlyInThatState()
    {
        // Arrange
        var rule = AlarmRuleExpression.Parse("INSUFFICIENT_DATA(a)");

        // Act and Assert
        Assert.True(rule.Evaluate(States(("a", "INSUFFICIENT_DATA"))));
        Assert.False(rule.Evaluate(States(("a", "OK"))));
    }

    [Fact]
    public void Parse_UnbalancedParenthesis_RefusedWithThePosition()
    {
        // Act
        var error = Assert.Throws<FormatException>(() => AlarmRuleExpression.Parse("(ALARM(a) OR ALARM(b)"));

        // Assert
        Assert.Equal("AlarmRule '(ALARM(a) OR ALARM(b)': expected ')' at 21.", error.Message);
    }
}
