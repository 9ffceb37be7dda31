using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation;

namespace Deploy.Rehearsal.Tests.Authorization;

/// <summary>
/// Every Task state of a resolved definition with sample inputs: its Parameters, each path-valued member that decides
/// authorization (<c>AutoScalingGroupName.$</c>, <c>LaunchTemplate.$</c>, <c>AlarmNames.$</c>, …) replaced by each value
/// the world can give it.
/// </summary>
internal static class TaskSamples
{
    public static IEnumerable<(string State, string Resource, JsonObject Input)> Of(JsonObject definition, RehearsalStack stack)
    {
        foreach (var (name, node) in definition["States"] as JsonObject ?? [])
        {
            var state = (JsonObject)node!;
            foreach (var branch in state["Branches"] as JsonArray ?? [])
            {
                foreach (var task in Of((JsonObject)branch!, stack))
                {
                    yield return task;
                }
            }

            if ((state["ItemProcessor"] ?? state["Iterator"]) is JsonObject inner)
            {
                foreach (var task in Of(inner, stack))
                {
                    yield return task;
                }
            }

            if ((string?)state["Type"] != "Task")
            {
                continue;
            }

            var parameters = (state["Parameters"] ?? state["Arguments"]) as JsonObject ?? new JsonObject();
            foreach (var input in Samples(parameters, stack))
            {
                yield return (name, (string)state["Resource"]!, input);
            }
        }
    }

    /// <summary>The service and action of a Task resource, as the simulated world reads them.</summary>
    public static (string Service, string Action) Api(string resource, RehearsalStack stack)
    {
        if (stack.Functions.ContainsKey(resource))
        {
            return ("lambda", "invoke");
        }

        var segments = resource[(resource.IndexOf(":::", StringComparison.Ordinal) + 3)..].Split(':');
        return segments[0] == "aws-sdk" ? (segments[1], segments[2]) : (segments[0], segments[1].Split('.')[0]);
    }

    private static IEnumerable<JsonObject> Samples(JsonObject parameters, RehearsalStack stack)
    {
        var input = new JsonObject();
        var groups = false;
        foreach (var (key, value) in parameters)
        {
            if (!key.EndsWith(".$", StringComparison.Ordinal))
            {
                input[key] = value?.DeepClone();
                continue;
            }

            var member = key[..^2];
            input[member] = member switch
            {
                "AutoScalingGroupName" => null,
                "LaunchTemplate" => new JsonObject { ["LaunchTemplateId"] = stack.LaunchTemplateId, ["Version"] = "2" },
                "MinSize" or "MaxSize" or "DesiredCapacity" => 2,
                "AlarmNames" => new JsonArray(stack.CompositeAlarmName["blue"], stack.CompositeAlarmName["green"]),
                "TargetGroupArn" => stack.TargetGroupArn["blue"],
                // The lock holder a Rollback stops: an execution of the bundled app's staging Deploy machine (named, as the
                // world names executions: arn:…:execution:<state machine name>:<execution name>).
                "ExecutionArn" => "arn:aws:states:us-east-1:123456789012:execution:webapp-staging-deploy:sample",
                _ => "sample",
            };
            groups |= member == "AutoScalingGroupName";
        }

        if (!groups)
        {
            yield return input;
            yield break;
        }

        foreach (var group in stack.GroupName.Values)
        {
            var sample = (JsonObject)input.DeepClone();
            sample["AutoScalingGroupName"] = group;
            yield return sample;
        }
    }
}
