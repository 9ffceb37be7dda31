using Deploy.Contracts;
using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests.Internal;

public class HealthProbeFlowTests
{
    [Fact]
    public void Definition_AfterTraffic_QueriesTheMetricsTheHandlerReads()
    {
        var states = TestStacks.DefaultTemplate.Definition("PipelineHealthProbe")["States"]!.AsObject();
        var queries = states["GetMetricData"]!["Parameters"]!["MetricDataQueries"]!.AsArray();

        Assert.Equal(new[] { HealthMetricIds.Target5xx, HealthMetricIds.P99, HealthMetricIds.Requests }, queries.Select(q => q!["Id"]!.GetValue<string>()));
        Assert.Equal(new[] { "HTTPCode_Target_5XX_Count", "TargetResponseTime", "RequestCount" }, queries.Select(q => q!["MetricStat"]!["Metric"]!["MetricName"]!.GetValue<string>()));
        Assert.Equal("$.since", states["GetMetricData"]!["Parameters"]!["StartTime.$"]!.GetValue<string>());
        Assert.Equal("$.alarm.state", states["EvaluateAfterTraffic"]!["Parameters"]!["alarmState.$"]!.GetValue<string>());
        Assert.Null(states["EvaluateBeforeTraffic"]!["Parameters"]!["metricData.$"]);
    }

    [Fact]
    public void Definition_BeforeTraffic_ReadsTheCompositeAlarmForTheHandler()
    {
        var states = TestStacks.DefaultTemplate.Definition("PipelineHealthProbe")["States"]!.AsObject();

        // Before traffic too: a color whose composite alarm is still in ALARM from its boot must not get traffic.
        Assert.Equal("$.alarm.state", states["EvaluateBeforeTraffic"]!["Parameters"]!["alarmState.$"]!.GetValue<string>());
        var describe = states["DescribeCompositeAlarm"]!;
        Assert.Equal("arn:${Ref:AWS::Partition}:states:::aws-sdk:cloudwatch:describeAlarms", describe["Resource"]!.GetValue<string>());
        Assert.Equal("$.CompositeAlarms[0].StateValue", describe["ResultSelector"]!["state.$"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_Thresholds_DefaultsFromConfigurationAndOverridableByInput()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewPipeline(stack, new Deploy.Constructs.DeploymentConfiguration { MinHealthyPercentage = 90, MaxTarget5xxCount = 3, MaxResponseTimeMs = 800 });

        var states = TemplateJson.Of(stack).Definition("PipelineHealthProbe")["States"]!.AsObject();
        var defaults = states["BlueResources"]!["Parameters"]!["defaultThresholds"]!;

        Assert.Equal("{\"minHealthyPercentage\":90,\"maxTarget5xxCount\":3,\"maxP99ResponseTimeMs\":800}", defaults.ToJsonString());
        Assert.Equal("States.JsonMerge($.resources.defaultThresholds, $.thresholds, false)", states["MergeThresholds"]!["Parameters"]!["thresholds.$"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_MaxTarget5xxPercentConfigured_IsADefaultThreshold()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewPipeline(stack, new Deploy.Constructs.DeploymentConfiguration { MaxTarget5xxPercent = 2.5 });

        var states = TemplateJson.Of(stack).Definition("PipelineHealthProbe")["States"]!.AsObject();

        Assert.Equal(2.5, states["GreenResources"]!["Parameters"]!["defaultThresholds"]!["maxTarget5xxPercent"]!.GetValue<double>());
    }

    [Fact]
    public void Definition_ExpectedTargets_PassedToTheHandlerWhenGivenAndNullOtherwise()
    {
        var states = TestStacks.DefaultTemplate.Definition("PipelineHealthProbe")["States"]!.AsObject();
        var choice = states["HasExpectedTargets"]!;

        Assert.Equal("HasExpectedTargets", states["MergeThresholds"]!["Next"]!.GetValue<string>());
        Assert.Equal("HasExpectedTargets", states["DefaultThresholds"]!["Next"]!.GetValue<string>());
        var given = ByName.Rule(choice, "ExpectedTargetsGiven");
        Assert.Equal("$.expectedTargets", given["Variable"]!.GetValue<string>());
        Assert.True(given["IsPresent"]!.GetValue<bool>());
        Assert.Equal("ExpectedTargetsNotGiven", choice["Default"]!.GetValue<string>());
        Assert.Equal("$.expectedTargets", states["ExpectedTargetsGiven"]!["Parameters"]!["targets.$"]!.GetValue<string>());
        Assert.Equal("States.StringToJson('null')", states["ExpectedTargetsNotGiven"]!["Parameters"]!["targets.$"]!.GetValue<string>());
        Assert.All(new[] { "ExpectedTargetsGiven", "ExpectedTargetsNotGiven" }, s => Assert.Equal("HasDeploymentStart", states[s]!["Next"]!.GetValue<string>()));
        Assert.All(new[] { "EvaluateBeforeTraffic", "EvaluateAfterTraffic" },
            s => Assert.Equal("$.expected.targets", states[s]!["Parameters"]!["expectedTargets.$"]!.GetValue<string>()));
    }

    [Fact]
    public void Definition_DeploymentStart_PassedToTheHandlerWithTheEvaluationTimeWhenGivenAndNullOtherwise()
    {
        var states = TestStacks.DefaultTemplate.Definition("PipelineHealthProbe")["States"]!.AsObject();
        var choice = states["HasDeploymentStart"]!;

        // Optional (the CLI's health command probes without it): a path to a missing field would fail the state.
        var given = ByName.Rule(choice, "DeploymentStartGiven");
        Assert.Equal("$.deploymentStartedAt", given["Variable"]!.GetValue<string>());
        Assert.True(given["IsPresent"]!.GetValue<bool>());
        Assert.Equal("DeploymentStartNotGiven", choice["Default"]!.GetValue<string>());
        Assert.Equal("$.deploymentStartedAt", states["DeploymentStartGiven"]!["Parameters"]!["at.$"]!.GetValue<string>());
        Assert.Equal("States.StringToJson('null')", states["DeploymentStartNotGiven"]!["Parameters"]!["at.$"]!.GetValue<string>());
        Assert.All(new[] { "DeploymentStartGiven", "DeploymentStartNotGiven" }, s => Assert.Equal("ReadRuleWeights", states[s]!["Next"]!.GetValue<string>()));
        Assert.All(new[] { "EvaluateBeforeTraffic", "EvaluateAfterTraffic" }, s =>
        {
            var payload = states[s]!["Parameters"]!;
            Assert.Equal("$.started.at", payload["deploymentStartedAt.$"]!.GetValue<string>());
            Assert.Equal("$$.State.EnteredTime", payload["evaluatedAt.$"]!.GetValue<string>());
        });
        Assert.Equal("$.verdict.elapsedSeconds", states["VerdictWithWeights"]!["Parameters"]!["elapsedSeconds.$"]!.GetValue<string>());
        // The service's clock at the verdict, so a caller's metric window (CLI health) ends at the service's now.
        Assert.Equal("$$.State.EnteredTime", states["VerdictWithWeights"]!["Parameters"]!["evaluatedAt.$"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_Target5xx_JudgedOnTheSameMinutesAndLimitAsTheRollbackAlarm()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewPipeline(stack, new Deploy.Constructs.DeploymentConfiguration { MaxTarget5xxCount = 7 });
        var template = TemplateJson.Of(stack);

        var states = template.Definition("PipelineHealthProbe")["States"]!.AsObject();
        var query = states["GetMetricData"]!["Parameters"]!["MetricDataQueries"]!.AsArray().Single(q => q!["Id"]!.GetValue<string>() == HealthMetricIds.Target5xx)!;
        var alarm = template.Resources("AWS::CloudWatch::Alarm").Single(a => a.Value["Properties"]!["AlarmName"]!.GetValue<string>() == "shop-staging-blue-target-5xx").Value["Properties"]!;

        // The probe: one value per minute (Sum over 60 s), a minute breaching with more than maxTarget5xxCount.
        Assert.Equal(60, query["MetricStat"]!["Period"]!.GetValue<int>());
        Assert.Equal("Sum", query["MetricStat"]!["Stat"]!.GetValue<string>());
        Assert.Equal(7, states["BlueResources"]!["Parameters"]!["defaultThresholds"]!["maxTarget5xxCount"]!.GetValue<double>());
        // The alarm: the same metric, statistic, period and limit; more than the limit breaches, missing data does not.
        var alarmStat = Assert.Single(alarm["Metrics"]!.AsArray())!["MetricStat"]!;
        Assert.Equal(query["MetricStat"]!["Metric"]!["MetricName"]!.GetValue<string>(), alarmStat["Metric"]!["MetricName"]!.GetValue<string>());
        Assert.Equal(60, alarmStat["Period"]!.GetValue<int>());
        Assert.Equal("Sum", alarmStat["Stat"]!.GetValue<string>());
        Assert.Equal(7, alarm["Threshold"]!.GetValue<double>());
        Assert.Equal("GreaterThanThreshold", alarm["ComparisonOperator"]!.GetValue<string>());
        Assert.Equal("notBreaching", alarm["TreatMissingData"]!.GetValue<string>());
        Assert.Equal(3, alarm["EvaluationPeriods"]!.GetValue<int>());
    }

    [Fact]
    public void Definition_VerdictWithError_FailsWithTheHandlersNamedError()
    {
        var states = TestStacks.DefaultTemplate.Definition("PipelineHealthProbe")["States"]!.AsObject();

        Assert.Equal("$.verdict.error.name", states["VerdictError"]!["ErrorPath"]!.GetValue<string>());
        // A verdict without error goes to VerdictWithWeights, unless the record was asked for: that narrower rule comes first.
        var withRecord = ByName.Rule(states["VerdictOk"], "ReadStateRecord");
        var withWeights = ByName.Rule(states["VerdictOk"], "VerdictWithWeights");
        Assert.Contains("{\"Variable\":\"$.verdict.error\",\"IsNull\":true}", withRecord.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(("$.verdict.error", true), (withWeights["Variable"]!.GetValue<string>(), withWeights["IsNull"]!.GetValue<bool>()));
        var verdictRules = states["VerdictOk"]!["Choices"]!.AsArray();
        Assert.True(verdictRules.IndexOf(withRecord) < verdictRules.IndexOf(withWeights), "ReadStateRecord's rule must be tested before VerdictWithWeights'");
        Assert.Equal("VerdictError", states["VerdictOk"]!["Default"]!.GetValue<string>());
        Assert.Equal("$.verdict.status", states["VerdictWithWeights"]!["Parameters"]!["status.$"]!.GetValue<string>());
        Assert.Equal("$.weights.targetGroups", states["VerdictWithWeights"]!["Parameters"]!["weights.$"]!.GetValue<string>());
        Assert.Equal(DeployErrors.MalformedInput, states["MalformedProbeInput"]!["Error"]!.GetValue<string>());
    }

    [Fact]
    public void Definition_TargetHealth_ReadLastRightBeforeTheVerdictInBothPhases()
    {
        var states = TestStacks.DefaultTemplate.Definition("PipelineHealthProbe")["States"]!.AsObject();
        string Next(string state) => states[state]!["Next"]!.GetValue<string>();

        // The rule's weights first, then (after traffic) the metrics, then the alarm (both phases), and target health last of
        // all, so that the retry pauses of the other reads cannot make the verdict judge targets as they were before those pauses.
        Assert.Equal("ByPhase", Next("ReadRuleWeights"));
        Assert.Contains("{\"Variable\":\"$.phase\",\"StringEquals\":\"AfterTraffic\"}", ByName.Rule(states["ByPhase"], "GetMetricData").ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("BeforeTraffic", ByName.Rule(states["ByPhase"], "DescribeCompositeAlarm")["StringEquals"]!.GetValue<string>());
        Assert.Equal("DescribeCompositeAlarm", Next("GetMetricData"));
        Assert.Equal("DescribeTargetHealth", Next("DescribeCompositeAlarm"));
        Assert.Equal("EvaluateByPhase", Next("DescribeTargetHealth"));
        var evaluate = states["EvaluateByPhase"]!;
        Assert.Contains("{\"Variable\":\"$.phase\",\"StringEquals\":\"AfterTraffic\"}", ByName.Rule(evaluate, "EvaluateAfterTraffic").ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("EvaluateBeforeTraffic", evaluate["Default"]!.GetValue<string>());
        Assert.All(new[] { "EvaluateBeforeTraffic", "EvaluateAfterTraffic" }, s => Assert.Equal("VerdictOk", Next(s)));
    }

    [Fact]
    public void Definition_ReadRecordAsked_AddsTheStateItemAndStillAnswersWhenTheReadIsRefused()
    {
        var states = TestStacks.DefaultTemplate.Definition("PipelineHealthProbe")["States"]!.AsObject();
        var asked = ByName.Rule(states["VerdictOk"], "ReadStateRecord")["And"]!.AsArray();
        var read = states["ReadStateRecord"]!;

        // Only when the input asks (the CLI's info and status): the flows' probes never read the table.
        Assert.Contains(asked, c => c!["Variable"]?.GetValue<string>() == "$.readRecord" && c["BooleanEquals"]?.GetValue<bool>() == true);
        Assert.Equal("arn:${Ref:AWS::Partition}:states:::dynamodb:getItem", read["Resource"]!.GetValue<string>());
        Assert.True(read["Parameters"]!["ConsistentRead"]!.GetValue<bool>());
        Assert.Equal("STATE", read["Parameters"]!["Key"]!["sk"]!["S"]!.GetValue<string>());
        Assert.Equal("VerdictWithRecord", read["Next"]!.GetValue<string>());
        Assert.Equal("$.record", states["VerdictWithRecord"]!["Parameters"]!["record.$"]!.GetValue<string>());
        Assert.Null(states["VerdictWithWeights"]!["Parameters"]!["record.$"]);
        Assert.Equal("VerdictWithWeights", ByName.Catcher(read, "States.ALL")["Next"]!.GetValue<string>());
        Assert.All(new[] { "VerdictWithRecord", "VerdictWithWeights" }, s => Assert.Equal("VerdictReady", states[s]!["Next"]!.GetValue<string>()));
    }
}
