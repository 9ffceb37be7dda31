using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deploy.Contracts;
using Deploy.Contracts.Flows;

namespace Deploy.Rehearsal.Simulation;

/// <summary>The simulated service APIs, with the request and response shapes of the AWS APIs.</summary>
public sealed partial class SimulatedWorld
{
    // ELBv2's and Auto Scaling's ValidationError is not in their API models, so it reaches the Task as the generic
    // exception (ServiceErrors.Generic; see ApiModels/ApiRefusal).
    private static TaskOutcome Invalid(string integration, string message) =>
        TaskOutcome.Failure(ServiceErrors.Generic(integration), $"{message} (Service: {ServiceErrors.Prefix(integration)}, Status Code: 400, Error Code: ValidationError)");

    // The integrations these APIs are called through (the keys of the error-name table, ServiceErrors).
    private const string Elbv2Integration = "aws-sdk:elasticloadbalancingv2";
    private const string AutoScalingIntegration = "aws-sdk:autoscaling";
    private const string Ec2Integration = "aws-sdk:ec2";

    /// <summary>The color whose target group has <paramref name="arn"/>.</summary>
    internal string ColorOfTargetGroup(string arn) =>
        _stack.TargetGroupArn.First(t => t.Value == arn).Key;

    private TaskOutcome LoadBalancer(string state, string action, JsonObject input)
    {
        switch (action)
        {
            case "describeRules":
            {
                var arns = input["RuleArns"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
                if (arns.Count != 1 || arns[0] != _stack.RuleArn)
                {
                    return TaskOutcome.Failure(ServiceErrors.Name(Elbv2Integration, "RuleNotFoundException"), $"One or more rules not found: {string.Join(", ", arns)}");
                }

                return TaskOutcome.Success(new JsonObject { ["Rules"] = new JsonArray(Rule()) });
            }

            case "modifyRule":
            {
                if (input["RuleArn"]?.GetValue<string>() != _stack.RuleArn)
                {
                    return TaskOutcome.Failure(ServiceErrors.Name(Elbv2Integration, "RuleNotFoundException"), "The specified rule does not exist.");
                }

                var (weights, refusal) = ForwardWeights(input);
                if (refusal is not null)
                {
                    return refusal;
                }

                Weights["blue"] = weights.GetValueOrDefault("blue");
                Weights["green"] = weights.GetValueOrDefault("green");
                RecordMetrics();
                WeightChanges.Add((Clock.UtcNow, state, Weights["blue"], Weights["green"]));
                if (FirstShift is null && Weights[NewColor] > 0)
                {
                    FirstShift = Clock.UtcNow;
                    FirstShiftCompositeAlarmState = CompositeAlarmStateOf(NewColor);
                    foreach (var e in _scenario.Timeline.Where(e => e.From == TimelineOrigin.Shift))
                    {
                        Schedule(Clock.UtcNow.AddSeconds(e.AtSeconds), e);
                    }
                }

                // ModifyRule answers with the modified rule (ELBv2 API reference, ModifyRule: "Rules — Information about the modified rule").
                return TaskOutcome.Success(new JsonObject { ["Rules"] = new JsonArray(Rule()) });
            }

            case "describeTargetHealth":
            {
                var color = ColorOfTargetGroup(input["TargetGroupArn"]!.GetValue<string>());
                var descriptions = new JsonArray();
                foreach (var instance in RegisteredTargets(color))
                {
                    var (targetState, reason) = TargetState(color, instance);
                    var health = new JsonObject { ["State"] = targetState };
                    if (reason is not null)
                    {
                        // A Reason comes with a Description; a healthy target has neither (ELBv2 API reference, TargetHealth).
                        health["Reason"] = reason;
                        health["Description"] = reason switch
                        {
                            "Elb.InitialHealthChecking" => "Initial health checks in progress",
                            "Target.DeregistrationInProgress" => "Target deregistration is in progress",
                            "Target.Timeout" => "Request timed out",
                            _ => "Health checks failed",
                        };
                    }

                    descriptions.Add(new JsonObject
                    {
                        ["Target"] = new JsonObject { ["Id"] = instance.Id, ["Port"] = 80 },
                        ["HealthCheckPort"] = "80",
                        ["TargetHealth"] = health,
                    });
                }

                return TaskOutcome.Success(new JsonObject { ["TargetHealthDescriptions"] = descriptions });
            }

            default:
                throw new NotSupportedException($"elasticloadbalancingv2:{action} is not simulated.");
        }
    }

    /// <summary>
    /// The weights a ModifyRule forward action gives each color, or the error AWS refuses it with. As the ELBv2 API reference (TargetGroupTuple: "The weight. The range is 0 to 999") and
    /// the ALB guide (forward actions: with several target groups "you must specify a weight for each target group";
    /// requests are distributed by weight; a target group with weight 0 gets none) describe: each weight is 0–999 and
    /// relative, nothing requires a sum (not even a non-zero one: no documented rule refuses all zeros, so the world accepts
    /// it and then serves neither color); a single target group without a weight gets all traffic (weight 1); a target
    /// group the rule does not name gets nothing; an unknown target group is TargetGroupNotFound.
    /// </summary>
    private (Dictionary<string, int> Weights, TaskOutcome? Refusal) ForwardWeights(JsonObject input)
    {
        var groups = input["Actions"]?[0]?["ForwardConfig"]?["TargetGroups"] as JsonArray;
        if (groups is null || groups.Count == 0)
        {
            return ([], Invalid(Elbv2Integration, $"A forward action must name a target group; got {input["Actions"]?.ToJsonString()}"));
        }

        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in groups.OfType<JsonObject>())
        {
            var arn = group["TargetGroupArn"]?.GetValue<string>();
            var color = _stack.TargetGroupArn.FirstOrDefault(t => t.Value == arn).Key;
            if (color is null)
            {
                return ([], TaskOutcome.Failure(ServiceErrors.Name(Elbv2Integration, "TargetGroupNotFoundException"), $"One or more target groups not found: {arn}"));
            }

            int? weight = group["Weight"] is JsonValue w ? w.GetValue<int>() : groups.Count == 1 ? 1 : null;
            if (weight is not { } value || value is < 0 or > 999 || weights.ContainsKey(color))
            {
                return ([], Invalid(Elbv2Integration, $"Each target group of a forward action needs a distinct target group and a weight from 0 to 999; got {groups.ToJsonString()}"));
            }

            weights[color] = value;
        }

        return (weights, null);
    }

    /// <summary>
    /// The share of the rule's requests a color receives: its weight over the sum of the weights (ALB guide, forward
    /// actions); 0 for every color when all weights are 0.
    /// </summary>
    public double TrafficShare(string color) => TrafficShares.Of(Weights, color);

    /// <summary>The ALB's view of one instance of <paramref name="color"/> now (<c>initial</c>, <c>healthy</c>, <c>unhealthy</c>, …).</summary>
    public string TargetStateOf(string color, Instance instance) => TargetState(color, instance).State;

    /// <summary>The weighted rule as DescribeRules and ModifyRule show it (ELBv2 API reference, Rule).</summary>
    private JsonObject Rule() => new()
    {
        ["RuleArn"] = _stack.RuleArn,
        ["Priority"] = "100",
        ["Actions"] = new JsonArray(new JsonObject
        {
            ["Type"] = "forward",
            ["ForwardConfig"] = new JsonObject
            {
                ["TargetGroups"] = new JsonArray(
                    new JsonObject { ["TargetGroupArn"] = _stack.TargetGroupArn["blue"], ["Weight"] = Weights["blue"] },
                    new JsonObject { ["TargetGroupArn"] = _stack.TargetGroupArn["green"], ["Weight"] = Weights["green"] }),
                ["TargetGroupStickinessConfig"] = new JsonObject { ["Enabled"] = false },
            },
        }),
        ["IsDefault"] = false,
    };

    private TaskOutcome AutoScaling(string action, JsonObject input)
    {
        switch (action)
        {
            case "describeAutoScalingGroups":
            {
                PruneTerminated();
                var names = input["AutoScalingGroupNames"]!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet();
                var found = new JsonArray();
                foreach (var (color, group) in Groups.Where(g => names.Contains(g.Value.Name)))
                {
                    found.Add(Describe(group));
                }

                return TaskOutcome.Success(new JsonObject { ["AutoScalingGroups"] = found });
            }

            case "updateAutoScalingGroup":
            {
                var name = input["AutoScalingGroupName"]!.GetValue<string>();
                var group = Groups.Values.FirstOrDefault(g => g.Name == name);
                if (group is null)
                {
                    return Invalid(AutoScalingIntegration, $"AutoScalingGroup name not found - {name}");
                }

                var version = group.LaunchTemplateVersion;
                if (input["LaunchTemplate"] is JsonObject template)
                {
                    if (template["LaunchTemplateId"]?.GetValue<string>() != _stack.LaunchTemplateId)
                    {
                        return Invalid(AutoScalingIntegration, $"Launch template {template["LaunchTemplateId"]} does not exist");
                    }

                    version = template["Version"]!.GetValue<string>();
                    if (!int.TryParse(version, out var number) || !LaunchTemplates.ContainsKey(number))
                    {
                        return Invalid(AutoScalingIntegration, $"The specified launch template version {version} does not exist (the flows must never write $Latest/$Default)");
                    }
                }

                var min = Int(input["MinSize"]) ?? group.Min;
                var max = Int(input["MaxSize"]) ?? group.Max;
                var desired = Int(input["DesiredCapacity"]) ?? group.Desired;
                if (min > desired || desired > max)
                {
                    return Invalid(AutoScalingIntegration, $"Desired capacity:{desired} must be between the specified min size:{min} and max size:{max}");
                }

                group.LaunchTemplateVersion = version;
                group.Max = max;
                group.Updated = true;
                Scale(group, min, desired);
                return TaskOutcome.Success(new JsonObject());
            }

            default:
                throw new NotSupportedException($"autoscaling:{action} is not simulated.");
        }
    }

    // The members the API reference marks required in AutoScalingGroup and Instance are always answered
    // (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_AutoScalingGroup.html).
    private JsonObject Describe(Group group) => new()
    {
        ["AutoScalingGroupName"] = group.Name,
        ["LaunchTemplate"] = new JsonObject
        {
            ["LaunchTemplateId"] = _stack.LaunchTemplateId,
            ["LaunchTemplateName"] = "fleet-template",
            ["Version"] = group.LaunchTemplateVersion,
        },
        ["MinSize"] = group.Min,
        ["MaxSize"] = group.Max,
        ["DesiredCapacity"] = group.Desired,
        ["DefaultCooldown"] = 300,
        ["AvailabilityZones"] = new JsonArray("us-east-1a", "us-east-1b"),
        ["HealthCheckType"] = "ELB",
        ["CreatedTime"] = Iso(Epoch),
        ["Instances"] = new JsonArray(group.Instances.Select(i => (JsonNode)new JsonObject
        {
            ["InstanceId"] = i.Id,
            ["AvailabilityZone"] = i.AvailabilityZone,
            ["LifecycleState"] = LifecycleStateOf(i),
            ["HealthStatus"] = "Healthy",
            ["ProtectedFromScaleIn"] = false,
            ["LaunchTemplate"] = new JsonObject
            {
                ["LaunchTemplateId"] = _stack.LaunchTemplateId,
                ["LaunchTemplateName"] = "fleet-template",
                ["Version"] = i.LaunchTemplateVersion.ToString(CultureInfo.InvariantCulture),
            },
        }).ToArray()),
    };

    private static int? Int(JsonNode? node) => node is null ? null : (int)node.GetValue<double>();

    private TaskOutcome Ec2(string action, JsonObject input)
    {
        if (action != "createLaunchTemplateVersion")
        {
            throw new NotSupportedException($"ec2:{action} is not simulated.");
        }

        if (input["LaunchTemplateId"]?.GetValue<string>() != _stack.LaunchTemplateId)
        {
            return TaskOutcome.Failure(ServiceErrors.Generic(Ec2Integration), "The specified launch template does not exist. (Service: Ec2, Status Code: 400, Error Code: InvalidLaunchTemplateId.NotFound)");
        }

        var source = input["SourceVersion"]?.GetValue<string>();
        var sourceNumber = source is null ? null : SourceVersionNumber(source);
        if (source is not null && sourceNumber is null)
        {
            return TaskOutcome.Failure(ServiceErrors.Generic(Ec2Integration), $"Source version {source} does not exist. (Service: Ec2, Status Code: 400, Error Code: InvalidLaunchTemplateId.VersionNotFound)");
        }

        var number = LaunchTemplates.Keys.Max() + 1;
        LaunchTemplates[number] = "new";
        // The version inherits the source version's parameters (SimulatedWorld.Versions.cs, Inherit). The answer below keeps the
        // request's data, which is all the flows read of it besides the number (and what moto answers: it ignores SourceVersion).
        LaunchTemplateData[number] = Inherit(sourceNumber is { } from ? LaunchTemplateData.GetValueOrDefault(from) : null,
            input["LaunchTemplateData"] as JsonObject ?? new JsonObject());
        return TaskOutcome.Success(new JsonObject
        {
            ["LaunchTemplateVersion"] = new JsonObject
            {
                ["LaunchTemplateId"] = _stack.LaunchTemplateId,
                ["LaunchTemplateName"] = "fleet-template",
                ["VersionNumber"] = number,
                ["VersionDescription"] = input["VersionDescription"]?.DeepClone(),
                ["LaunchTemplateData"] = input["LaunchTemplateData"]?.DeepClone(),
            },
        });
    }

    /// <summary>The launch parameters of every version: the template's, and those a version inherited from its source and set itself.</summary>
    public Dictionary<int, JsonObject> LaunchTemplateData { get; } = new();

    private TaskOutcome CloudWatch(string action, JsonObject input)
    {
        switch (action)
        {
            case "getMetricData":
                return GetMetricData(input);

            case "describeAlarms":
                return DescribeAlarms(input);

            case "putMetricData":
                foreach (var datum in input["MetricData"]!.AsArray())
                {
                    Metrics.Add((JsonObject)datum!.DeepClone());
                }

                return TaskOutcome.Success(new JsonObject());

            default:
                throw new NotSupportedException($"cloudwatch:{action} is not simulated.");
        }
    }

    private TaskOutcome Publish(TaskCall call, JsonObject input, ExecutionRecord execution)
    {
        var message = input["Message"] switch
        {
            JsonObject o => (JsonObject)o.DeepClone(),
            JsonValue v => JsonNode.Parse(v.GetValue<string>()) as JsonObject ?? new JsonObject(),
            _ => new JsonObject(),
        };
        var notification = new Notification(Clock.UtcNow, StatePath.ReadString<NotificationMessage>(message, m => m.Event) ?? "?", input["Subject"]?.GetValue<string>(), message, execution.Arn);
        Notifications.Add(notification);
        if (!call.IsCallback)
        {
            return TaskOutcome.Success(new JsonObject { ["MessageId"] = Guid.NewGuid().ToString() });
        }

        if (StatePath.Read<NotificationMessage>(message, m => m.TaskToken) is null)
        {
            throw new InvalidOperationException($"{call.StateName}: the approval message carries no task token; an operator could not answer it.");
        }

        if (ApprovalHandler is { } answer)
        {
            return answer(call, message);
        }

        var approval = _scenario.Approval ?? new Approval();
        if (approval.Decision == "timeout")
        {
            // Nobody answers: the task fails with States.Timeout when its TimeoutSeconds pass (SimulatedWorld.Timeouts.cs).
            return NeverAnswered(call, "publish");
        }

        // An answer later than the task's deadline never arrives: the clock stops there and the task times out.
        AdvanceTo(Clock.UtcNow.AddSeconds(approval.AfterSeconds));
        return approval.Decision == "reject"
            ? TaskOutcome.Failure("Deploy.ApprovalRejected", approval.Reason ?? "Rejected by the operator.")
            : TaskOutcome.Success(new JsonObject { [StatePath.Name<ApprovalResult>(a => a.ApprovedBy)] = "operator" });
    }

    private TaskOutcome StartExecution(string action, JsonObject input)
    {
        if (action == "describeExecution")
        {
            return DescribeExecution(input);
        }

        if (action == "stopExecution")
        {
            return StopExecutionCall(input);
        }

        var arn = input["StateMachineArn"]!.GetValue<string>();
        var childInput = input["Input"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var text) => JsonNode.Parse(text),
            var node => node?.DeepClone(),
        };

        if (_stack.StateMachines.TryGetValue(arn, out var machine) && machine == "HealthProbe")
        {
            var child = RunSyncChild("HealthProbe", childInput);
            var result = child.Result!;
            // .sync:2 answers with the child's DescribeExecution, Output parsed as JSON (Step Functions developer guide,
            // "Start a new AWS Step Functions state machine execution").
            return result.Succeeded
                // .sync:2 answers the child's DescribeExecution, Output parsed as JSON (connect-stepfunctions).
                ? TaskOutcome.Success(new JsonObject
                {
                    ["ExecutionArn"] = child.Arn,
                    ["StateMachineArn"] = arn,
                    ["Name"] = child.Name,
                    ["Status"] = "SUCCEEDED",
                    ["StartDate"] = Iso(child.StartedAt),
                    ["StopDate"] = Iso(child.EndedAt),
                    ["Input"] = childInput?.ToJsonString() ?? "{}",
                    ["Output"] = result.Output?.DeepClone(),
                })
                : TaskOutcome.Failure(ServiceErrors.TaskFailed, JsonSerializer.Serialize(new { result.Error, result.Cause }));
        }

        if (arn.EndsWith("-deploy", StringComparison.Ordinal))
        {
            _queued.Enqueue(("Deploy", childInput, "queued"));
            // An execution ARN is arn:…:execution:<state machine name>:<execution name> (Step Functions, StartExecution).
            var execution = arn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal);
            return TaskOutcome.Success(new JsonObject { ["ExecutionArn"] = $"{execution}:queued-{_queued.Count}", ["StartDate"] = Iso(Clock.UtcNow) });
        }

        throw new NotSupportedException($"states:{action} of {arn} is not simulated.");
    }
}
