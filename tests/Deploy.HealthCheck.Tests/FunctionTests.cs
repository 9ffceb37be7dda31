using System.Text;
using System.Text.Json;
using Deploy.Contracts;

namespace Deploy.HealthCheck.Tests;

public class FunctionTests
{
    [Fact]
    public void Handler_AfterTrafficPayload_WritesVerdictWithEvidenceAndNullError()
    {
        // Arrange: shaped exactly like the Step Functions aws-sdk responses
        var payload = """
            {
              "phase": "AfterTraffic", "color": "blue", "expectedTargets": 2,
              "deploymentStartedAt": "2026-01-01T00:00:00.000Z", "evaluatedAt": "2026-01-01T00:42:07.512Z",
              "thresholds": { "minHealthyPercentage": 75, "maxTarget5xxCount": 10, "maxP99ResponseTimeMs": 2000, "maxTarget5xxPercent": 5 },
              "targetHealth": { "TargetHealthDescriptions": [
                { "Target": { "Id": "i-0abc", "Port": 80 }, "HealthCheckPort": "80", "TargetHealth": { "State": "healthy" } },
                { "Target": { "Id": "i-0def", "Port": 80 }, "HealthCheckPort": "80",
                  "TargetHealth": { "State": "draining", "Reason": "Target.DeregistrationInProgress", "Description": "Target deregistration is in progress" } },
                { "Target": { "Id": "i-0123", "Port": 80 }, "HealthCheckPort": "80", "TargetHealth": { "State": "healthy" } } ] },
              "metricData": { "MetricDataResults": [
                { "Id": "target5xx", "Label": "5XX", "Timestamps": ["2026-01-01T00:01:00Z"], "Values": [2.0], "StatusCode": "Complete" },
                { "Id": "p99", "Label": "p99", "Timestamps": [], "Values": [], "StatusCode": "Complete" },
                { "Id": "requests", "Label": "requests", "Timestamps": ["2026-01-01T00:01:00Z", "2026-01-01T00:00:00Z"], "Values": [40.0, 2.0], "StatusCode": "Complete" } ],
                "Messages": [] },
              "alarmState": "OK"
            }
            """;

        // Act
        var output = Run(payload);

        // Assert
        Assert.Equal(
            Quote("{'status':'Healthy','reasons':['healthy 2/2 (100.0%) meets minimum 75%','target 5XX at most 2 a minute over 2 minutes, within maximum 10 a minute',"
                + "'target 5XX rate at most 5% a minute over 2 minutes with requests, within maximum 5%','no latency datapoints; not evaluated','composite alarm OK'],"
                + "'evidence':{'targets':2,'expectedTargets':2,'healthy':2,'healthyPercentage':100,'countsByState':{'healthy':2,'draining':1},"
                + "'target5xxCount':2,'p99ResponseTimeMs':null,'requestCount':42,"
                + "'worstMinute':{'timestamp':'2026-01-01T00:01:00Z','target5xxCount':2,'requestCount':40,'target5xxPercent':5},'alarmState':'OK'},'elapsedSeconds':2527,'error':null}"),
            output);
    }

    [Fact]
    public void Handler_BeforeTrafficPayload_WritesNullMetricEvidence()
    {
        // Arrange
        var payload = """{"phase":"BeforeTraffic","thresholds":{"minHealthyPercentage":50},"targetHealth":{"TargetHealthDescriptions":[{"TargetHealth":{"State":"initial","Reason":"Elb.InitialHealthChecking"}}]}}""";

        // Act
        var output = Run(payload);

        // Assert
        Assert.Equal(
            Quote("{'status':'Pending','reasons':['health checks still in progress: 1 target initial; healthy 0/1 (0.0%) below minimum 50%'],"
                + "'evidence':{'targets':1,'expectedTargets':null,'healthy':0,'healthyPercentage':0,'countsByState':{'initial':1},"
                + "'target5xxCount':null,'p99ResponseTimeMs':null,'requestCount':null,'worstMinute':null,'alarmState':null},'elapsedSeconds':null,'error':null}"),
            output);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("""{"phase":"BeforeTraffic","thresholds":{"minHealthyPercentage":"75"}}""")]
    [InlineData("""{"targetHealth":{"TargetHealthDescriptions":{"State":"healthy"}}}""")]
    [InlineData("""{"phase":"BeforeTraffic","expectedTargets":2.5}""")]
    [InlineData("""{"phase":"AfterTraffic","metricData":{"MetricDataResults":[{"Id":"target5xx","Timestamps":[true],"Values":[1]}]}}""")]
    public void Handler_MalformedPayload_WritesMalformedInputInTheVerdictShape(string payload)
    {
        // Act
        using var output = JsonDocument.Parse(Run(payload));

        // Assert
        var root = output.RootElement;
        var cause = root.GetProperty("error").GetProperty("cause").GetString()!;
        Assert.Equal(DeployErrors.MalformedInput, root.GetProperty("error").GetProperty("name").GetString());
        Assert.StartsWith("The HealthCheck input is not valid JSON of the expected shape (", cause);
        Assert.Equal("Unhealthy", root.GetProperty("status").GetString());
        Assert.Equal(cause, root.GetProperty("reasons")[0].GetString());
        Assert.Equal(0, root.GetProperty("evidence").GetProperty("targets").GetInt32());
    }

    [Fact]
    public void Handler_InvalidThresholds_WritesFieldsOfTheError()
    {
        // Arrange
        var payload = """{"phase":"BeforeTraffic","thresholds":{"minHealthyPercentage":101},"targetHealth":{"TargetHealthDescriptions":[]}}""";

        // Act
        var output = Run(payload);

        // Assert
        var cause = "The HealthCheck input is invalid: thresholds.minHealthyPercentage: number 101 is invalid; use a number from 0 to 100";
        var field = "{'field':'thresholds.minHealthyPercentage','message':'thresholds.minHealthyPercentage: number 101 is invalid; use a number from 0 to 100'}";
        Assert.Equal(
            Quote($"{{'status':'Unhealthy','reasons':['{cause}'],'evidence':{{'targets':0,'expectedTargets':null,'healthy':0,'healthyPercentage':0,'countsByState':{{}},"
                + "'target5xxCount':null,'p99ResponseTimeMs':null,'requestCount':null,'worstMinute':null,'alarmState':null},'elapsedSeconds':null,"
                + $"'error':{{'name':'Deploy.MalformedInput','cause':'{cause}','fields':[{field}]}}}}"),
            output);
    }

    [Fact]
    public void Handler_EpochSecondTimestamps_MatchesMinutesByThem()
    {
        // Arrange: timestamps as numbers (Unix time, the API reference's format) rather than ISO-8601 strings.
        var payload = """
            {"phase":"AfterTraffic","thresholds":{"minHealthyPercentage":50,"maxTarget5xxCount":10,"maxP99ResponseTimeMs":2000,"maxTarget5xxPercent":10},
             "targetHealth":{"TargetHealthDescriptions":[{"TargetHealth":{"State":"healthy"}}]},
             "metricData":{"MetricDataResults":[
               {"Id":"target5xx","Timestamps":[1767225660],"Values":[3]},
               {"Id":"requests","Timestamps":[1767225660,1767225600],"Values":[20,400]}]}}
            """;

        // Act
        using var output = JsonDocument.Parse(Run(payload));

        // Assert
        var root = output.RootElement;
        Assert.Equal("Unhealthy", root.GetProperty("status").GetString());
        Assert.Equal(
            "target 5XX rate 15% (3 of 20 requests) in the minute from 1767225660, above maximum 10% (1 of 2 minutes with requests)",
            root.GetProperty("reasons")[0].GetString());
        Assert.Equal("1767225660", root.GetProperty("evidence").GetProperty("worstMinute").GetProperty("timestamp").GetString());
    }

    private static string Quote(string singleQuoted) => singleQuoted.Replace('\'', '"');

    private static string Run(string payload)
    {
        using var output = new Function().Handler(new MemoryStream(Encoding.UTF8.GetBytes(payload)));
        using var reader = new StreamReader(output);
        return reader.ReadToEnd();
    }
}
