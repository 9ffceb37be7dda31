using System.Globalization;
using System.Text.Json.Nodes;

namespace Deploy.Conformance.Tests.Replay;

/// <summary>
/// The values of an answer that the replayed calls decide and the flows depend on, by name: rule weights, group sizes
/// and launch-template versions, the new launch-template version, item attributes after conditional writes. Values the
/// scenario's simulated environment decides (target health over time, ALB metrics, alarm states, ids and timestamps
/// the service generates) are compared by shape only.
/// </summary>
public static class KeyValues
{
    /// <summary>The key values of <paramref name="output"/>, an answer to <paramref name="api"/>, as name → JSON text.</summary>
    public static SortedDictionary<string, string> Of(string api, JsonNode? output)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        switch (api)
        {
            case "elasticloadbalancingv2:describeRules":
            case "elasticloadbalancingv2:modifyRule":
                foreach (var rule in Array(output, "Rules"))
                {
                    var arn = Text(rule["RuleArn"]);
                    values[$"rule({arn}).Priority"] = Json(rule["Priority"]);
                    var actions = Array(rule, "Actions").ToList();
                    values[$"rule({arn}).Actions"] = string.Join(",", actions.Select(a => Text(a["Type"])));
                    foreach (var group in actions.SelectMany(a => Array(a["ForwardConfig"], "TargetGroups")))
                    {
                        values[$"rule({arn}).weight({Text(group["TargetGroupArn"])})"] = Json(group["Weight"]);
                    }
                }

                break;

            case "elasticloadbalancingv2:describeTargetHealth":
                var targets = Array(output, "TargetHealthDescriptions").ToList();
                values["targets"] = targets.Count.ToString(CultureInfo.InvariantCulture);
                values["ports"] = string.Join(",", targets.Select(t => Json(t["Target"]?["Port"])).Distinct().Order(StringComparer.Ordinal));
                break;

            case "autoscaling:describeAutoScalingGroups":
                foreach (var group in Array(output, "AutoScalingGroups"))
                {
                    var name = $"group({Text(group["AutoScalingGroupName"])})";
                    values[$"{name}.MinSize"] = Json(group["MinSize"]);
                    values[$"{name}.MaxSize"] = Json(group["MaxSize"]);
                    values[$"{name}.DesiredCapacity"] = Json(group["DesiredCapacity"]);
                    values[$"{name}.LaunchTemplate"] = $"{Text(group["LaunchTemplate"]?["LaunchTemplateId"])}:{Text(group["LaunchTemplate"]?["Version"])}";
                    var instances = Array(group, "Instances").ToList();
                    values[$"{name}.Instances"] = instances.Count.ToString(CultureInfo.InvariantCulture);
                    values[$"{name}.Instances[].LaunchTemplate"] = string.Join(",", instances
                        .Select(i => $"{Text(i["LaunchTemplate"]?["LaunchTemplateId"])}:{Text(i["LaunchTemplate"]?["Version"])}").Order(StringComparer.Ordinal));
                    values[$"{name}.Instances[].LifecycleState"] = string.Join(",", instances.Select(i => Text(i["LifecycleState"])).Distinct().Order(StringComparer.Ordinal));
                }

                break;

            case "ec2:createLaunchTemplateVersion":
                var version = output?["LaunchTemplateVersion"];
                values["LaunchTemplateId"] = Json(version?["LaunchTemplateId"]);
                values["VersionNumber"] = Json(version?["VersionNumber"]);
                values["VersionDescription"] = Json(version?["VersionDescription"]);
                values["LaunchTemplateData"] = Json(version?["LaunchTemplateData"]);
                break;

            case "cloudwatch:getMetricData":
                foreach (var result in Array(output, "MetricDataResults"))
                {
                    values[$"result({Text(result["Id"])}).StatusCode"] = Json(result["StatusCode"]);
                }

                break;

            case "cloudwatch:describeAlarms":
                values["CompositeAlarms"] = string.Join(",", Array(output, "CompositeAlarms").Select(a => Text(a["AlarmName"])).Order(StringComparer.Ordinal));
                values["MetricAlarms"] = string.Join(",", Array(output, "MetricAlarms").Select(a => Text(a["AlarmName"])).Order(StringComparer.Ordinal));
                break;

            case "dynamodb:getItem":
                values["Item"] = Json(output?["Item"]);
                break;

            case "dynamodb:putItem":
            case "dynamodb:updateItem":
            case "dynamodb:deleteItem":
                values["Attributes"] = Json(output?["Attributes"]);
                break;

            case "cloudwatch:putMetricData":
            case "autoscaling:updateAutoScalingGroup":
                values["output"] = Json(output);
                break;

            default:
                // sns:publish (a generated MessageId), states:startExecution (generated ARNs, a child moto does not run),
                // sns:publish.waitForTaskToken (the operator's answer): shape only.
                break;
        }

        return values;
    }

    private static IEnumerable<JsonObject> Array(JsonNode? node, string member) =>
        node?[member] is JsonArray array ? array.OfType<JsonObject>() : [];

    private static string Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : Json(node);

    /// <summary>Canonical JSON: object members sorted and numbers in one form, so member order and <c>2</c>/<c>2.0</c> never count.</summary>
    public static string Json(JsonNode? node)
    {
        if (node is null)
        {
            return "null";
        }

        using var document = System.Text.Json.JsonDocument.Parse(node.ToJsonString());
        return Canonical(document.RootElement);
    }

    private static string Canonical(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject()
            .OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"\"{p.Name}\":{Canonical(p.Value)}")) + "}",
        System.Text.Json.JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Canonical)) + "]",
        System.Text.Json.JsonValueKind.Number => element.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        System.Text.Json.JsonValueKind.String => System.Text.Json.JsonSerializer.Serialize(element.GetString()),
        _ => element.GetRawText(),
    };
}
