using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Deploy.Benchmarks;

/// <summary>
/// The benchmark inputs as the handlers receive them from Step Functions: UTF-8 JSON shaped like the aws-sdk
/// integration responses (PascalCase AWS fields, including ones the contracts ignore, such as
/// <c>Timestamps</c> and <c>AvailabilityZone</c>, because the handler still has to read past them).
/// </summary>
internal static class Payloads
{
    /// <summary>Target states of the HealthCheck input, with how many of the 1,000 targets are in each.</summary>
    public static readonly (string State, int Count, string? Reason)[] TargetStates =
    [
        ("healthy", 955, null),
        ("initial", 20, "Elb.RegistrationInProgress"),
        ("draining", 15, "Target.DeregistrationInProgress"),
        ("unhealthy", 7, "Target.ResponseCodeMismatch"),
        ("unhealthy.draining", 3, "Target.DeregistrationInProgress"),
    ];

    public const int MetricDatapoints = 10;

    private static readonly string[] Zones = ["us-east-1a", "us-east-1b", "us-east-1c"];

    /// <summary>
    /// AfterTraffic: a DescribeTargetHealth response with 1,000 targets in mixed states, and a GetMetricData
    /// response with 10 one-minute datapoints for each of target5xx, p99 and requests.
    /// </summary>
    public static byte[] HealthCheckAfterTraffic()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("phase", "AfterTraffic");
            json.WriteString("color", "green");
            json.WriteStartObject("thresholds");
            json.WriteNumber("minHealthyPercentage", 75);
            json.WriteNumber("maxTarget5xxCount", 10);
            json.WriteNumber("maxP99ResponseTimeMs", 2000);
            json.WriteEndObject();

            json.WriteStartObject("targetHealth");
            json.WriteStartArray("TargetHealthDescriptions");
            var index = 0;
            foreach (var (state, count, reason) in TargetStates)
            {
                for (var i = 0; i < count; i++, index++)
                {
                    json.WriteStartObject();
                    json.WriteStartObject("Target");
                    json.WriteString("Id", "i-" + (0x0a1b2c3d4e5f0000L + index).ToString("x17", CultureInfo.InvariantCulture));
                    json.WriteNumber("Port", 8080);
                    json.WriteString("AvailabilityZone", Zones[index % Zones.Length]);
                    json.WriteEndObject();
                    json.WriteString("HealthCheckPort", "8080");
                    json.WriteStartObject("TargetHealth");
                    json.WriteString("State", state);
                    if (reason is not null)
                    {
                        json.WriteString("Reason", reason);
                        json.WriteString("Description", "Target state " + state);
                    }

                    json.WriteEndObject();
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteStartObject("metricData");
            json.WriteStartArray("MetricDataResults");
            Metric(json, "target5xx", "HTTPCode_Target_5XX_Count", i => i % 4 == 0 ? 1 : 0);
            Metric(json, "p99", "TargetResponseTime", i => 0.180 + (i * 0.013));
            Metric(json, "requests", "RequestCount", i => 28_000 + (i * 350));
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteString("alarmState", "OK");
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>A request with every field set and valid, with the environment defaults the state machine adds.</summary>
    public static byte[] ValidateRequestValid() => Utf8("""
        {
          "request": {
            "version": "2025.11.23+build.4512",
            "imageId": "ami-0abcdef1234567890",
            "launchTemplateVersion": 42,
            "artifact": "s3://webapp-artifacts-123456789012-us-east-1/releases/2025.11.23/webapp-4512.tar.gz",
            "strategy": "linear",
            "canaryPercentage": 10,
            "linearStepPercentage": 20,
            "requestedBy": "release-bot@example.com",
            "reason": "Weekly release: checkout latency fix (JIRA WEB-1234) and dependency updates."
          },
          "defaults": { "strategy": "Canary", "canaryPercentage": 5, "linearStepPercentage": 20 }
        }
        """);

    /// <summary>A request with eight bad fields; the answer lists every one of them.</summary>
    public static byte[] ValidateRequestInvalid() => Utf8("""
        {
          "request": {
            "version": "2025.11.23 build 4512!",
            "imageId": "ami-0ABCDEF1234567890",
            "launchTemplateVersion": 0,
            "artifact": "https://webapp-artifacts.s3.amazonaws.com/releases/webapp.tar.gz",
            "strategy": "BlueGreen",
            "canaryPercentage": 150,
            "linearStepPercentage": 0.5,
            "requestedBy": "release-bot@example.com",
            "colour": "green"
          },
          "defaults": { "strategy": "Canary", "canaryPercentage": 5, "linearStepPercentage": 20 }
        }
        """);

    /// <summary>
    /// The DescribeAutoScalingGroups response for the failed color's group (four instances, tags, as AWS
    /// returns it) and the deployment record: the group runs version 43 at 4/8/4, the record says 42 at 0/4/0.
    /// </summary>
    public static byte[] LaunchTemplateRevert()
    {
        var instances = string.Join(",", Enumerable.Range(0, 4).Select(i => $$"""
            {
              "InstanceId": "i-0a1b2c3d4e5f6{{i:x4}}",
              "InstanceType": "t3.medium",
              "AvailabilityZone": "{{Zones[i % Zones.Length]}}",
              "LifecycleState": "InService",
              "HealthStatus": "Healthy",
              "LaunchTemplate": { "LaunchTemplateId": "lt-0123456789abcdef0", "LaunchTemplateName": "webapp-production-green", "Version": "43" },
              "ProtectedFromScaleIn": false
            }
            """));
        return Utf8($$"""
            {
              "group": {
                "AutoScalingGroups": [
                  {
                    "AutoScalingGroupName": "webapp-production-green",
                    "AutoScalingGroupARN": "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:5d1c0a9e-2f8b-4c1e-9a57-1b2c3d4e5f60:autoScalingGroupName/webapp-production-green",
                    "LaunchTemplate": { "LaunchTemplateId": "lt-0123456789abcdef0", "LaunchTemplateName": "webapp-production-green", "Version": "43" },
                    "MinSize": 4,
                    "MaxSize": 8,
                    "DesiredCapacity": 4,
                    "DefaultCooldown": 300,
                    "AvailabilityZones": ["us-east-1a", "us-east-1b", "us-east-1c"],
                    "LoadBalancerNames": [],
                    "TargetGroupARNs": ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/webapp-production-green/0123456789abcdef"],
                    "HealthCheckType": "ELB",
                    "HealthCheckGracePeriod": 600,
                    "Instances": [{{instances}}],
                    "CreatedTime": "2025-11-01T09:12:44.123Z",
                    "SuspendedProcesses": [],
                    "VPCZoneIdentifier": "subnet-0aaa1111bbbb2222c,subnet-0ddd3333eeee4444f,subnet-0fff5555aaaa6666b",
                    "EnabledMetrics": [],
                    "Tags": [
                      { "ResourceId": "webapp-production-green", "ResourceType": "auto-scaling-group", "Key": "Color", "Value": "green", "PropagateAtLaunch": true },
                      { "ResourceId": "webapp-production-green", "ResourceType": "auto-scaling-group", "Key": "Environment", "Value": "production", "PropagateAtLaunch": true }
                    ],
                    "TerminationPolicies": ["Default"],
                    "NewInstancesProtectedFromScaleIn": false,
                    "ServiceLinkedRoleARN": "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
                    "CapacityRebalance": false
                  }
                ]
              },
              "record": {
                "groupName": "webapp-production-green",
                "launchTemplateId": "lt-0123456789abcdef0",
                "previousLaunchTemplateVersion": "42",
                "previousCapacity": { "minSize": 0, "maxSize": 4, "desiredCapacity": 0 }
              }
            }
            """);
    }

    private static void Metric(Utf8JsonWriter json, string id, string label, Func<int, double> value)
    {
        var end = new DateTimeOffset(2025, 11, 23, 10, 30, 0, TimeSpan.Zero);
        json.WriteStartObject();
        json.WriteString("Id", id);
        json.WriteString("Label", label);
        json.WriteStartArray("Timestamps");
        for (var i = 0; i < MetricDatapoints; i++)
        {
            json.WriteStringValue(end.AddMinutes(-i));
        }

        json.WriteEndArray();
        json.WriteStartArray("Values");
        for (var i = 0; i < MetricDatapoints; i++)
        {
            json.WriteNumberValue(value(i));
        }

        json.WriteEndArray();
        json.WriteString("StatusCode", "Complete");
        json.WriteEndObject();
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
