using Deploy.Contracts;
using static Deploy.HealthCheck.Tests.HealthInputs;

namespace Deploy.HealthCheck.Tests;

/// <summary>Input checks: what a phase needs must be present and in range, or the answer is Deploy.MalformedInput.</summary>
public partial class HealthEvaluatorTests
{
    private const string Targets2 = "'targetHealth':{'TargetHealthDescriptions':[{'TargetHealth':{'State':'healthy'}},{'TargetHealth':{'State':'healthy'}}]}";
    private const string Limits = "'thresholds':{'minHealthyPercentage':75,'maxTarget5xxCount':10,'maxP99ResponseTimeMs':2000}";
    private const string Metrics = "'metricData':{'MetricDataResults':[]}";
    private const string UseTargetHealth = "use the DescribeTargetHealth response for the color's target group";
    private const string UseMetricData = "use the GetMetricData response with ids target5xx, p99 and requests";
    private const string UseTimestamps = "give one timestamp per value, as GetMetricData does";

    public static TheoryData<string, string[]> InvalidInputs => new()
    {
        // input (single quotes), field messages
        { $"{{{Limits},{Targets2}}}", ["phase: is required; use BeforeTraffic or AfterTraffic"] },
        { $"{{'phase':'During',{Limits},{Targets2}}}", ["phase: \"During\" is invalid; use BeforeTraffic or AfterTraffic"] },
        { $"{{'phase':'beforeTraffic',{Limits},{Targets2}}}", ["phase: \"beforeTraffic\" is invalid; use BeforeTraffic or AfterTraffic"] },
        { $"{{'phase':'BeforeTraffic','color':'red',{Limits},{Targets2}}}", ["color: \"red\" is invalid; use blue or green"] },
        { $"{{'phase':'BeforeTraffic',{Targets2}}}",
            ["thresholds: is required; use an object with minHealthyPercentage (0-100), and maxTarget5xxCount and maxP99ResponseTimeMs (0 or more) after traffic"] },
        { $"{{'phase':'BeforeTraffic','thresholds':{{}},{Targets2}}}", ["thresholds.minHealthyPercentage: is required; use a number from 0 to 100"] },
        { $"{{'phase':'BeforeTraffic','thresholds':{{'minHealthyPercentage':120}},{Targets2}}}",
            ["thresholds.minHealthyPercentage: number 120 is invalid; use a number from 0 to 100"] },
        { $"{{'phase':'BeforeTraffic','thresholds':{{'minHealthyPercentage':-0.5}},{Targets2}}}",
            ["thresholds.minHealthyPercentage: number -0.5 is invalid; use a number from 0 to 100"] },
        { $"{{'phase':'BeforeTraffic','expectedTargets':-1,{Limits},{Targets2}}}",
            ["expectedTargets: number -1 is invalid; use the desired capacity of the color's group, a whole number of 0 or more"] },
        { $"{{'phase':'AfterTraffic','thresholds':{{'minHealthyPercentage':75,'maxTarget5xxCount':10,'maxP99ResponseTimeMs':2000,'maxTarget5xxPercent':101}},{Targets2},{Metrics}}}",
            ["thresholds.maxTarget5xxPercent: number 101 is invalid; use a number from 0 to 100"] },
        { $"{{'phase':'AfterTraffic','thresholds':{{'minHealthyPercentage':75,'maxTarget5xxCount':10,'maxP99ResponseTimeMs':2000,'maxTarget5xxPercent':-1}},{Targets2},{Metrics}}}",
            ["thresholds.maxTarget5xxPercent: number -1 is invalid; use a number from 0 to 100"] },
        { $"{{'phase':'AfterTraffic',{Limits},{Targets2},'metricData':{{'MetricDataResults':[{{'Id':'p99','Values':[0.1]}},{{'Id':'target5xx','Timestamps':['2026-01-01T00:00:00Z'],'Values':[1,2]}}]}}}}",
            [$"metricData.MetricDataResults[1].Timestamps: has 1 timestamps for 2 values; {UseTimestamps}"] },
        { $"{{'phase':'AfterTraffic',{Limits},{Targets2},'metricData':{{'MetricDataResults':[{{'Id':'requests','Values':[40]}}]}}}}",
            [$"metricData.MetricDataResults[0].Timestamps: has 0 timestamps for 1 values; {UseTimestamps}"] },
        { $"{{'phase':'AfterTraffic','thresholds':{{'minHealthyPercentage':75}},{Targets2},{Metrics}}}",
            ["thresholds.maxTarget5xxCount: is required; use a number of 0 or more", "thresholds.maxP99ResponseTimeMs: is required; use a number of 0 or more"] },
        { $"{{'phase':'AfterTraffic','thresholds':{{'minHealthyPercentage':75,'maxTarget5xxCount':-1,'maxP99ResponseTimeMs':-5}},{Targets2},{Metrics}}}",
            ["thresholds.maxTarget5xxCount: number -1 is invalid; use a number of 0 or more", "thresholds.maxP99ResponseTimeMs: number -5 is invalid; use a number of 0 or more"] },
        { $"{{'phase':'BeforeTraffic',{Limits}}}", [$"targetHealth: is required; {UseTargetHealth}"] },
        { $"{{'phase':'BeforeTraffic',{Limits},'targethealth':{{'TargetHealthDescriptions':[]}}}}", [$"targetHealth: is required; {UseTargetHealth}"] },
        { $"{{'phase':'BeforeTraffic',{Limits},'targetHealth':{{}}}}", [$"targetHealth.TargetHealthDescriptions: is required; {UseTargetHealth}"] },
        { $"{{'phase':'BeforeTraffic',{Limits},'targetHealth':{{'TargetHealthDescriptions':[{{'TargetHealth':{{'State':'healthy'}}}},{{'Target':{{'Id':'i-1'}}}},{{}}]}}}}",
            [$"targetHealth.TargetHealthDescriptions[1].TargetHealth.State: is required; {UseTargetHealth}"] },
        { $"{{'phase':'BeforeTraffic',{Limits},'targetHealth':{{'TargetHealthDescriptions':[null]}}}}",
            [$"targetHealth.TargetHealthDescriptions[0].TargetHealth.State: is required; {UseTargetHealth}"] },
        { $"{{'phase':'AfterTraffic',{Limits},{Targets2}}}", [$"metricData: is required when phase is AfterTraffic; {UseMetricData}"] },
        { $"{{'phase':'AfterTraffic',{Limits},{Targets2},'metricData':{{}}}}",
            [$"metricData.MetricDataResults: is required when phase is AfterTraffic; {UseMetricData}"] },
        { $"{{'phase':'AfterTraffic',{Limits},{Targets2},{Metrics},'alarmState':'RED'}}",
            ["alarmState: \"RED\" is invalid; use OK, ALARM or INSUFFICIENT_DATA"] },
        // Before traffic the alarm state is judged too (ALARM waits), so it is checked in both phases.
        { $"{{'phase':'BeforeTraffic',{Limits},{Targets2},'alarmState':'RED'}}",
            ["alarmState: \"RED\" is invalid; use OK, ALARM or INSUFFICIENT_DATA"] },
        { $"{{'phase':'BeforeTraffic',{Limits},{Targets2},'alarmState':'alarm'}}",
            ["alarmState: \"alarm\" is invalid; use OK, ALARM or INSUFFICIENT_DATA"] },
        { "{'phase':'AfterTraffic','color':'Blue'}",
            [
                "color: \"Blue\" is invalid; use blue or green",
                "thresholds: is required; use an object with minHealthyPercentage (0-100), and maxTarget5xxCount and maxP99ResponseTimeMs (0 or more) after traffic",
                $"targetHealth: is required; {UseTargetHealth}",
                $"metricData: is required when phase is AfterTraffic; {UseMetricData}",
            ] },
    };

    public static TheoryData<string> InputsValidBeforeTraffic => new()
    {
        // Metric thresholds and metric data are ignored before traffic, so they are not checked either (the alarm state is).
        $"{{'phase':'BeforeTraffic','thresholds':{{'minHealthyPercentage':75,'maxTarget5xxCount':-1}},{Targets2}}}",
        $"{{'phase':'BeforeTraffic',{Limits},{Targets2},'alarmState':'OK','metricData':{{}}}}",
        $"{{'phase':'BeforeTraffic','color':'blue',{Limits},{Targets2}}}",
        $"{{'phase':'BeforeTraffic','thresholds':{{'minHealthyPercentage':75,'maxTarget5xxPercent':101}},{Targets2}}}",
        $"{{'phase':'BeforeTraffic','expectedTargets':2,{Limits},{Targets2},'metricData':{{'MetricDataResults':[{{'Id':'target5xx','Values':[1]}}]}}}}",
    };

    public static TheoryData<string> ValidAfterTraffic => new()
    {
        // Timestamps matter only where minutes are matched (target5xx, requests); an empty series needs none.
        $"{{'phase':'AfterTraffic',{Limits},{Targets2},'metricData':{{'MetricDataResults':[{{'Id':'p99','Values':[0.1]}},{{'Id':'target5xx','Values':[]}}]}}}}",
        $"{{'phase':'AfterTraffic','expectedTargets':0,{Limits},{Targets2},{Metrics}}}",
        $"{{'phase':'AfterTraffic',{Limits},{Targets2},'metricData':{{'MetricDataResults':[{{'Id':'other','Values':[1]}}]}}}}",
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public void Evaluate_InvalidInput_ReturnsMalformedInputWithUnhealthyShape(string json, string[] messages)
    {
        // Act
        var verdict = HealthEvaluator.Evaluate(Parse(json));

        // Assert
        var error = Assert.IsType<DeployError>(verdict.Error);
        Assert.Equal(DeployErrors.MalformedInput, error.Name);
        Assert.Equal(messages, error.Fields.Select(f => f.Message));
        Assert.Equal($"The HealthCheck input is invalid: {string.Join("; ", messages)}", error.Cause);
        Assert.Equal(HealthStatus.Unhealthy, verdict.Status);
        Assert.Equal([error.Cause], verdict.Reasons);
        Assert.Same(HealthEvidence.Empty, verdict.Evidence);
    }

    [Theory]
    [MemberData(nameof(InputsValidBeforeTraffic))]
    public void Evaluate_BeforeTrafficWithBadAfterTrafficParts_IgnoresThem(string json)
    {
        // Act
        var verdict = HealthEvaluator.Evaluate(Parse(json));

        // Assert
        Assert.Null(verdict.Error);
        Assert.Equal(HealthStatus.Healthy, verdict.Status);
    }

    [Theory]
    [MemberData(nameof(ValidAfterTraffic))]
    public void Evaluate_AfterTrafficWithoutTimestampsWhereNotMatched_IsValid(string json)
    {
        // Act
        var verdict = HealthEvaluator.Evaluate(Parse(json));

        // Assert
        Assert.Null(verdict.Error);
    }
}
