using Deploy.Rehearsal.Simulation.Alarms;

namespace Deploy.Rehearsal.Tests.Simulation.Alarms;

/// <summary>
/// The evaluator against the CloudWatch user guide's tables ("How alarm state is evaluated when data is missing"):
/// 5 datapoints in the evaluation range, N = 3, M = 3 (first table) and M = 2 (second table); 0 = not breaching,
/// X = breaching, - = missing, most recent on the right.
/// </summary>
public class MetricAlarmEvaluatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static MetricAlarmDefinition Alarm(int m, string treatMissingData, string comparison = "GreaterThanThreshold") => new()
    {
        LogicalId = "Alarm",
        Name = "errors",
        Arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:errors",
        Metrics = [new AlarmMetric { Id = "m1", Namespace = "AWS/ApplicationELB", MetricName = "HTTPCode_Target_5XX_Count", Stat = "Sum", Period = 60 }],
        Period = 60,
        EvaluationPeriods = 3,
        DatapointsToAlarm = m,
        Threshold = 10,
        ComparisonOperator = comparison,
        TreatMissingData = treatMissingData,
    };

    /// <summary>"0 - X - X" as a range of values: 0 → 5 (not breaching), X → 50 (breaching), - → none.</summary>
    private static List<(DateTimeOffset, double?)> Range(string points) =>
        points.Split(' ').Select((p, i) => (Start.AddMinutes(i), p switch { "0" => 5.0, "X" => (double?)50.0, _ => null })).ToList();

    private const string Retain = "retain";

    [Theory]
    // First table: Datapoints to Alarm 3 of Evaluation Periods 3.
    [InlineData("0 - X - X", 3, "OK", "OK", "OK", "OK")]
    [InlineData("0 - - - -", 3, "OK", "OK", "OK", "OK")]
    [InlineData("- - - - -", 3, "INSUFFICIENT_DATA", Retain, "ALARM", "OK")]
    [InlineData("0 X X - X", 3, "ALARM", "ALARM", "ALARM", "ALARM")]
    [InlineData("- - X - -", 3, "ALARM", Retain, "ALARM", "OK")]
    // Second table: 2 of 3.
    [InlineData("0 - X - X", 2, "ALARM", "ALARM", "ALARM", "ALARM")]
    [InlineData("0 0 X 0 X", 2, "ALARM", "ALARM", "ALARM", "ALARM")]
    [InlineData("0 - X - -", 2, "OK", "OK", "ALARM", "OK")]
    [InlineData("- - - - 0", 2, "OK", "OK", "ALARM", "OK")]
    [InlineData("- - - X -", 2, "ALARM", Retain, "ALARM", "OK")]
    public void Evaluate_UserGuideTableRow_StateForEachTreatmentOfMissingData(string points, int m, string missing, string ignore, string breaching, string notBreaching)
    {
        // Arrange
        var range = Range(points);
        var expected = new Dictionary<string, string> { ["missing"] = missing, ["ignore"] = ignore, ["breaching"] = breaching, ["notBreaching"] = notBreaching };

        foreach (var (treatment, state) in expected)
        {
            foreach (var current in new[] { "OK", "ALARM" })
            {
                // Act
                var evaluation = MetricAlarmEvaluator.Evaluate(Alarm(m, treatment), range, current);

                // Assert
                Assert.Equal(state == Retain ? current : state, evaluation.State);
                Assert.Equal(state == Retain, evaluation.Retained);
            }
        }
    }

    [Theory]
    [InlineData("X X X X X", "ALARM")]
    [InlineData("X X 0 X X", "OK")]
    [InlineData("X X X X 0", "OK")]
    [InlineData("0 0 X X X", "ALARM")]
    public void Evaluate_ThreeOfThreeAllReal_OnlyTheMostRecentThreeDecide(string points, string expected)
    {
        // Act
        var evaluation = MetricAlarmEvaluator.Evaluate(Alarm(3, "notBreaching"), Range(points), "OK");

        // Assert
        Assert.Equal(expected, evaluation.State);
        Assert.Equal(3, evaluation.Evaluated.Count);
    }

    [Theory]
    [InlineData("X X 0 X X", "ALARM")]
    [InlineData("0 X 0 0 X", "OK")]
    [InlineData("X 0 0 X X", "ALARM")]
    public void Evaluate_TwoOfThree_AnyTwoBreachingOfTheLastThreeAlarm(string points, string expected)
    {
        // Act
        var evaluation = MetricAlarmEvaluator.Evaluate(Alarm(2, "notBreaching"), Range(points), "OK");

        // Assert
        Assert.Equal(expected, evaluation.State);
    }

    [Fact]
    public void Evaluate_NotBreachingWithMissingMinutesBetweenBreaches_RealDatapointsFromFartherBackCount()
    {
        // Arrange: the ALB publishes no 5XX datapoint for a minute without errors; the range still holds 3 real breaching ones.
        var range = Range("- X X - X");

        // Act
        var evaluation = MetricAlarmEvaluator.Evaluate(Alarm(3, "notBreaching"), range, "OK");

        // Assert
        Assert.Equal("ALARM", evaluation.State);
        Assert.Equal([Start.AddMinutes(1), Start.AddMinutes(2), Start.AddMinutes(4)], evaluation.Evaluated.Select(p => p.At));
    }

    [Fact]
    public void Evaluate_LessThanThreshold_BreachesBelowIt()
    {
        // Arrange: 5 < 10 breaches a LessThanThreshold alarm.
        var range = Range("X 0 0 0 0");

        // Act
        var evaluation = MetricAlarmEvaluator.Evaluate(Alarm(3, "notBreaching", "LessThanThreshold"), range, "OK");

        // Assert
        Assert.Equal("ALARM", evaluation.State);
    }

    [Fact]
    public void Evaluate_UnknownTreatMissingData_Refused()
    {
        // Act
        var error = Assert.Throws<NotSupportedException>(() => MetricAlarmEvaluator.Evaluate(Alarm(3, "zero"), Range("- - - - -"), "OK"));

        // Assert
        Assert.Equal("Alarm errors: TreatMissingData 'zero' is not one of missing, notBreaching, breaching, ignore.", error.Message);
    }

    [Fact]
    public void RangeStarts_OneMinutePeriodMidMinute_TheLastFiveWholeMinutesThatEnded()
    {
        // Act: 00:07:30 — the minute 00:07 is not over, so its datapoint does not exist yet.
        var starts = MetricAlarmEvaluator.RangeStarts(Start.AddSeconds(450), 60, 3);

        // Assert
        Assert.Equal([2, 3, 4, 5, 6], starts.Select(s => (int)(s - Start).TotalMinutes));
    }

    [Fact]
    public void RangeStarts_FiveMinutePeriod_AlignedToMultiplesOfThePeriod()
    {
        // Act: at 00:37:30 the last five-minute period that ended is 00:30-00:35.
        var starts = MetricAlarmEvaluator.RangeStarts(Start.AddMinutes(37.5), 300, 1);

        // Assert
        Assert.Equal([20, 25, 30], starts.Select(s => (int)(s - Start).TotalMinutes));
    }

    [Fact]
    public void RangeStarts_OnTheBoundary_IncludesThePeriodThatJustEnded()
    {
        // Act
        var starts = MetricAlarmEvaluator.RangeStarts(Start.AddMinutes(10), 60, 3);

        // Assert
        Assert.Equal(Start.AddMinutes(9), starts[^1]);
    }
}
