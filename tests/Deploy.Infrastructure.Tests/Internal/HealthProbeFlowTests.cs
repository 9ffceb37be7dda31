using Deploy.Contracts;
using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests.Internal;

public class HealthProbeFlowTests
{
    [Fact]
    public void Definition_AfterTraffic_QueriesTheMetricsTheHandlerReads()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewPipeline(stack);

        var states = TemplateJson.Of(stack).Definition("PipelineHealthProbe")["States"]!.AsObject();
        var queries = states["GetMetricData"]!["Parameters"]!["MetricDataQueries"]!.AsArray();

        Assert.Equal(new[] { HealthMetricIds.Target5xx, HealthMetricIds.P99, HealthMetricIds.Requests }, queries.Select(q => q!["Id"]!.GetValue<string>()));
        Assert.Equal(new[] { "HTTPCode_Target_5XX_Count", "TargetResponseTime", "RequestCount" }, queries.Select(q => q!["MetricStat"]!["Metric"]!["MetricName"]!.GetValue<string>()));
        Assert.Equal("$.since", states["GetMetricData"]!["Parameters"]!["StartTime.$"]!.GetValue<string>());
        Assert.Equal("$.alarm.state", states["EvaluateAfterTraffic"]!["Parameters"]!["alarmState.$"]!.GetValue<string>());
        Assert.Null(states["EvaluateBeforeTraffic"]!["Parameters"]!["metricData.$"]);
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
    public void Definition_VerdictWithError_FailsWithTheHandlersNamedError()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewPipeline(stack);

        var states = TemplateJson.Of(stack).Definition("PipelineHealthProbe")["States"]!.AsObject();

        Assert.Equal("$.verdict.error.name", states["VerdictError"]!["ErrorPath"]!.GetValue<string>());
        Assert.Equal("ReadRuleWeights", states["VerdictOk"]!["Choices"]![0]!["Next"]!.GetValue<string>());
        Assert.Equal("$.verdict.status", states["VerdictWithWeights"]!["Parameters"]!["status.$"]!.GetValue<string>());
        Assert.Equal("$.weights.targetGroups", states["VerdictWithWeights"]!["Parameters"]!["weights.$"]!.GetValue<string>());
        Assert.Equal(DeployErrors.MalformedInput, states["MalformedProbeInput"]!["Error"]!.GetValue<string>());
    }
}
