using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation;

namespace Deploy.Rehearsal.Tests.Simulation;

/// <summary>The world's alarms, evaluated from the metrics with the synthesized template's definitions.</summary>
[Collection(nameof(ScenarioCollection))]
public class AlarmEvaluationTests(ScenarioFixture fixture)
{
    private const string GreenTarget5xx = "webapp-staging-green-target-5xx";
    private const string GreenComposite = "webapp-staging-green-rollback";

    private static Scenario Load(string name) => Scenario.Load(Path.Combine(ScenarioFixture.ScenarioDirectory, name + ".json"));

    [Fact]
    public void Stack_BundledApp_ReadsTheTemplatesAlarmsAndRule()
    {
        // Act
        var alarms = fixture.App.Stack("staging", null).Alarms;

        // Assert
        Assert.Equal(6, alarms.MetricAlarms.Count);
        var target5xx = alarms.MetricAlarms.Single(a => a.Name == GreenTarget5xx);
        Assert.Equal((10.0, 3, 3, "GreaterThanThreshold", "notBreaching", 60), (target5xx.Threshold, target5xx.EvaluationPeriods, target5xx.DatapointsToAlarm, target5xx.ComparisonOperator, target5xx.TreatMissingData, target5xx.Period));
        Assert.Equal(("HTTPCode_Target_5XX_Count", "Sum"), (target5xx.Returned.MetricName, target5xx.Returned.Stat));
        var healthy = alarms.MetricAlarms.Single(a => a.Name == "webapp-staging-green-healthy-hosts");
        Assert.Equal("100 * healthy / (healthy + unhealthy)", healthy.Returned.Expression);
        Assert.Equal(("LessThanThreshold", 2), (healthy.ComparisonOperator, healthy.EvaluationPeriods));
        var composite = Assert.Single(alarms.CompositeAlarms, a => a.Name == GreenComposite);
        Assert.Equal(3, composite.AlarmRule.Alarms.Count);
        Assert.All(composite.AlarmActions.Concat(composite.OkActions), a => Assert.StartsWith("arn:aws:sns:", a, StringComparison.Ordinal));
        var rule = Assert.Single(alarms.Rules, r => r.LogicalId.StartsWith("PipelineAlarmRule", StringComparison.Ordinal));
        Assert.True(rule.Enabled);
        Assert.Equal("Rollback", fixture.App.Stack("staging", null).MachineOfArn(Assert.Single(rule.Targets).Arn));
    }

    [Fact]
    public void RunScenario_ErrorsAfterSuccess_AlarmEntersAlarmAfterThreeBadMinutesAndTheRuleStartsRollbackWithItsInput()
    {
        // Arrange
        var scenario = Load("alarm-after-success-flips-back");

        // Act
        var (_, world, _) = fixture.Run(scenario);

        // Assert: 30 5XX a minute from shift + 20 min; the first whole bad minute is the one after; ALARM 3 minutes on.
        var errorsFrom = world.FirstShift!.Value.AddSeconds(1200);
        var entered = world.AlarmHistory.First(t => t.AlarmName == GreenTarget5xx && t.To == "ALARM");
        var firstWholeMinute = new DateTimeOffset(errorsFrom.Ticks - (errorsFrom.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(1);
        Assert.InRange(entered.At, errorsFrom.AddMinutes(3), firstWholeMinute.AddMinutes(3));
        Assert.StartsWith("Threshold Crossed: 3 out of the last 3 datapoints [", entered.Reason, StringComparison.Ordinal);
        var composite = world.AlarmHistory.First(t => t.AlarmName == GreenComposite && t.To == "ALARM");
        Assert.Equal(entered.At, composite.At);
        var rollback = Assert.Single(world.Executions, e => e.Machine == "Rollback");
        Assert.Equal(composite.At, rollback.StartedAt);
        Assert.Equal("alarm", rollback.Input!["trigger"]!.GetValue<string>());
        Assert.Equal(GreenComposite, rollback.Input["alarmName"]!.GetValue<string>());
        Assert.Equal(composite.Reason, rollback.Input["reason"]!.GetValue<string>());
        Assert.Equal(composite.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), rollback.Input["detectedAt"]!.GetValue<string>());
        // Traffic left green: no more datapoints, and notBreaching turns the alarms back to OK.
        Assert.Equal("OK", world.AlarmState(GreenComposite).Value);
    }

    [Fact]
    public void RunScenario_Target5xxThresholdRaisedAboveTheErrorRate_NoAlarmAndNoRollback()
    {
        // Arrange: the mutation: the template's green 5XX alarm at 1000 a minute; the scenario's errors are 30 a minute.
        var scenario = Load("alarm-after-success-flips-back");
        var stack = fixture.App.Stack(scenario.Environment, scenario.Settings);
        var mutated = stack.WithAlarms(stack.Alarms.WithMetricAlarm(GreenTarget5xx, a => a with { Threshold = 1000 }));
        var world = new SimulatedWorld(fixture.Engine, mutated, scenario);

        // Act
        world.RunScenario();

        // Assert
        Assert.DoesNotContain(world.AlarmHistory, t => t.AlarmName == GreenComposite);
        Assert.DoesNotContain(world.Executions, e => e.Machine == "Rollback");
        Assert.Equal(0, world.Weights["blue"]);
        Assert.Contains("not as expected: later executions [Deploy:SUCCEEDED], expected [Deploy:SUCCEEDED, Rollback:Deploy.RolledBack]",
            Expectations.Check(scenario, world, world.Executions[0]).Select(m => "not as expected: " + m));
    }

    [Fact]
    public void RunScenario_CompositeActions_TopicGetsCloudWatchsAlarmMessageNotADeploymentNotification()
    {
        // Arrange
        var scenario = Load("alarm-after-success-flips-back");

        // Act
        var (_, world, _) = fixture.Run(scenario);

        // Assert
        var messages = world.Notifications.Where(SimulatedWorld.IsAlarmMessage).ToList();
        Assert.Equal(["ALARM", "OK"], messages.Select(m => m.Message["NewStateValue"]!.GetValue<string>()));
        var alarm = messages[0];
        Assert.Equal("ALARM: \"webapp-staging-green-rollback\" in US East (N. Virginia)", alarm.Subject);
        Assert.Equal("OK", alarm.Message["OldStateValue"]!.GetValue<string>());
        Assert.StartsWith("arn:aws:cloudwatch:us-east-1:123456789012:alarm:", alarm.Message["AlarmArn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(" transitioned to ALARM at ", alarm.Message["NewStateReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$", alarm.Message["StateChangeTime"]!.GetValue<string>());
        Assert.Equal(["DeploymentStarted", "TrafficShifted", "DeploymentSucceeded", "RolledBack"], world.DeploymentNotifications.Select(n => n.Event));
    }

    [Fact]
    public void RunScenario_AutoRollbackOff_AlarmEntersAlarmButTheDisabledRuleStartsNothing()
    {
        // Arrange
        var scenario = Load("alarm-after-success-flips-back") with { Settings = new JsonObject { ["autoRollback"] = false } };

        // Act
        var (_, world, _) = fixture.Run(scenario);

        // Assert
        Assert.False(Assert.Single(fixture.App.Stack(scenario.Environment, scenario.Settings).Alarms.Rules, r => r.LogicalId.StartsWith("PipelineAlarmRule", StringComparison.Ordinal)).Enabled);
        Assert.Contains(world.AlarmHistory, t => t.AlarmName == GreenComposite && t.To == "ALARM");
        Assert.DoesNotContain(world.Executions, e => e.Machine == "Rollback");
        Assert.All(world.Events, e => Assert.Empty(e.Rules));
    }

    [Fact]
    public void Load_TimelineWithScriptedAlarm_RefusedWithWhatToGiveInstead()
    {
        // Arrange
        var file = Path.Combine(Path.GetTempPath(), $"scripted-alarm-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{ "timeline": [ { "atSeconds": 60, "errorsPerMinute": 5 }, { "from": "shift", "atSeconds": 120, "alarm": "ALARM" } ] }""");
        try
        {
            // Act
            var error = Assert.Throws<InvalidDataException>(() => Scenario.Load(file));

            // Assert
            Assert.StartsWith($"{file}: timeline[1] sets \"alarm\": \"ALARM\". Alarm states are no longer scripted: the world evaluates the template's alarms from the metrics.", error.Message, StringComparison.Ordinal);
            Assert.Contains("errorsPerMinute", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
