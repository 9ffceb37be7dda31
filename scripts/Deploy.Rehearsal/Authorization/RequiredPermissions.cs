using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Authorization;

/// <summary>
/// What IAM checks for each API the flows call: the IAM action, the resource ARN(s) and condition keys of the request
/// (Service Authorization Reference, "Actions, resources, and condition keys for …"), plus the permissions other
/// services check on the caller's behalf (the documented cross-service requirements, AWS-FACTS.md "Permissions").
/// </summary>
/// <remarks>ARNs follow the fake scheme of <c>scripts/rehearsal/resolve-definition.mjs</c> (region us-east-1,
/// account 123456789012), so they match the resolved policies.</remarks>
public static class RequiredPermissions
{
    /// <summary>The fake region of the resolved templates.</summary>
    public const string Region = "us-east-1";

    /// <summary>The fake account of the resolved templates.</summary>
    public const string Account = "123456789012";

    /// <summary>
    /// The rule Step Functions creates to learn that a nested execution ended
    /// (<see href="https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html">IAM policies for nested executions</see>).
    /// </summary>
    public const string NestedExecutionRule = $"arn:aws:events:{Region}:{Account}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule";

    /// <summary>
    /// The permissions a call needs, in the order AWS checks them.
    /// </summary>
    /// <param name="service">The SDK service: as in a Task resource (<c>elasticloadbalancingv2</c>, <c>dynamodb</c>, <c>lambda</c>, …) or as
    /// an AwsCustomResource names it (<c>ElasticLoadBalancingV2</c>, <c>AutoScaling</c>).</param>
    /// <param name="action">The SDK action, camel case (<c>modifyRule</c>; <c>invoke</c> for a Lambda function).</param>
    /// <param name="taskResource">The Task's <c>Resource</c> (a function ARN, <c>arn:aws:states:::states:startExecution.sync:2</c>, …);
    /// <see langword="null"/> for a call that is not a Task.</param>
    /// <param name="input">The request (the Task's effective parameters).</param>
    /// <param name="stack">The template's IAM side (topics' keys, launch templates, groups' subnets, instance profiles).</param>
    /// <param name="launchTemplateVersion">The data of a launch-template version created after the template (id, version → the
    /// version's own <c>LaunchTemplateData</c>); <see langword="null"/> when the version is the template's.</param>
    /// <exception cref="NotSupportedException">The call is not mapped (add it here, with the documentation it follows).</exception>
    public static IReadOnlyList<PermissionCheck> For(string service, string action, string? taskResource, JsonObject input, StackPolicies stack,
        Func<string, string, JsonObject?>? launchTemplateVersion = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(stack);
        var checks = new List<PermissionCheck>();
        void Need(string iamAction, string resource, Dictionary<string, IReadOnlyList<string>>? context = null, PermissionPurpose purpose = PermissionPurpose.Call,
            JsonObject? resourcePolicy = null) =>
            checks.Add(new PermissionCheck(new AuthorizationRequest { Action = iamAction, Resource = resource, Context = context ?? [], ResourcePolicy = resourcePolicy }, purpose));

        switch (service.ToLowerInvariant(), action)
        {
            // Lambda: lambda:InvokeFunction on the function (qualified ARNs need the ":*" form), Service Authorization Reference
            // "AWS Lambda"; Step Functions "IAM policies for Lambda" (lambda-iam).
            case ("lambda", "invoke"):
                Need("lambda:InvokeFunction", taskResource is not null && !taskResource.Contains(":::", StringComparison.Ordinal)
                    ? taskResource
                    : Text(input, "FunctionName"));
                break;

            // ELBv2 (SAR "Elastic Load Balancing V2"): Describe* have no resource-level permissions; CreateRule on the
            // listener, ModifyRule/DeleteRule on the rule.
            case ("elasticloadbalancingv2", "describeRules"):
                Need("elasticloadbalancing:DescribeRules", "*");
                break;
            case ("elasticloadbalancingv2", "describeTargetHealth"):
                Need("elasticloadbalancing:DescribeTargetHealth", "*");
                break;
            case ("elasticloadbalancingv2", "modifyRule"):
                Need("elasticloadbalancing:ModifyRule", Text(input, "RuleArn"));
                break;
            case ("elasticloadbalancingv2", "createRule"):
                Need("elasticloadbalancing:CreateRule", Text(input, "ListenerArn"), RequestTags(input["Tags"]));
                break;
            case ("elasticloadbalancingv2", "deleteRule"):
                Need("elasticloadbalancing:DeleteRule", Text(input, "RuleArn"));
                break;
            case ("elasticloadbalancingv2", "setRulePriorities"):
                // SetRulePriorities on each rule it names (resource type listener-rule).
                foreach (var pair in (input["RulePriorities"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    Need("elasticloadbalancing:SetRulePriorities", Text(pair, "RuleArn"));
                }

                break;

            // EC2 Auto Scaling (SAR "Amazon EC2 Auto Scaling"): Describe* have no resource-level permissions;
            // UpdateAutoScalingGroup on the group, with the request's autoscaling:* condition keys.
            case ("autoscaling", "describeAutoScalingGroups"):
                Need("autoscaling:DescribeAutoScalingGroups", "*");
                break;
            case ("autoscaling", "updateAutoScalingGroup"):
            {
                var name = Text(input, "AutoScalingGroupName");
                Need("autoscaling:UpdateAutoScalingGroup", GroupArn(name), GroupConditions(input));
                if (input["LaunchTemplate"] is JsonObject template)
                {
                    checks.AddRange(LaunchTemplateUse(template, name, input, stack, launchTemplateVersion));
                }

                break;
            }

            // CreateOrUpdateTags on each group it tags, with the request's tags as aws:RequestTag/aws:TagKeys (SAR "Amazon EC2
            // Auto Scaling": resource type autoScalingGroup).
            case ("autoscaling", "createOrUpdateTags"):
            {
                var tags = (input["Tags"] as JsonArray ?? []).OfType<JsonObject>().ToList();
                foreach (var group in tags.GroupBy(t => Text(t, "ResourceId")))
                {
                    Need("autoscaling:CreateOrUpdateTags", GroupArn(group.Key), RequestTags(new JsonArray(group.Select(t => (JsonNode)t.DeepClone()).ToArray())));
                }

                break;
            }

            // EC2 (SAR "Amazon EC2"): CreateLaunchTemplateVersion on the launch template.
            case ("ec2", "createLaunchTemplateVersion"):
                Need("ec2:CreateLaunchTemplateVersion", LaunchTemplateArn(Text(input, "LaunchTemplateId")));
                break;

            // CloudWatch (SAR "Amazon CloudWatch"): GetMetricData without resource-level permissions; DescribeAlarms on the
            // alarms it names (resource type alarm); PutMetricData filtered by cloudwatch:namespace.
            case ("cloudwatch", "getMetricData"):
                Need("cloudwatch:GetMetricData", "*");
                break;
            case ("cloudwatch", "describeAlarms"):
            {
                var names = input["AlarmNames"] as JsonArray ?? [];
                foreach (var alarm in names.Count == 0 ? ["*"] : names.Select(n => (string)n!))
                {
                    Need("cloudwatch:DescribeAlarms", $"arn:aws:cloudwatch:{Region}:{Account}:alarm:{alarm}");
                }

                break;
            }

            case ("cloudwatch", "putMetricData"):
                Need("cloudwatch:PutMetricData", "*", new() { ["cloudwatch:namespace"] = [Text(input, "Namespace")] });
                break;

            // DynamoDB (SAR "Amazon DynamoDB"): item actions on the table (TableName may also be the table's ARN).
            case ("dynamodb", "getItem" or "putItem" or "updateItem" or "deleteItem" or "query"):
            {
                var table = Text(input, "TableName");
                var context = new Dictionary<string, IReadOnlyList<string>>();
                if ((string?)input["ReturnValues"] is { } returnValues)
                {
                    context["dynamodb:ReturnValues"] = [returnValues];
                }

                Need($"dynamodb:{Pascal(action)}", table.StartsWith("arn:", StringComparison.Ordinal) ? table : $"arn:aws:dynamodb:{Region}:{Account}:table/{table}", context);
                break;
            }

            // SNS (SAR "Amazon SNS"): Publish on the topic. To an encrypted topic the publisher also needs kms:GenerateDataKey*
            // and kms:Decrypt on the key, which SNS calls on its behalf (SNS developer guide, "Data encryption" / "Managing
            // Amazon SNS encryption keys and costs": "permissions for SSE"); the key policy takes part (KMS key policies).
            case ("sns", "publish"):
            {
                var topic = (string?)input["TopicArn"] ?? Text(input, "TargetArn");
                Need("sns:Publish", topic);
                if (stack.KeyOfTopic(topic) is { } key)
                {
                    var policy = stack.KeyPolicies.GetValueOrDefault(key);
                    var via = new Dictionary<string, IReadOnlyList<string>>
                    {
                        ["kms:ViaService"] = [$"sns.{Region}.amazonaws.com"],
                        ["kms:CallerAccount"] = [Account],
                    };
                    Need("kms:GenerateDataKey", key, via, PermissionPurpose.TopicKey, policy);
                    Need("kms:Decrypt", key, via, PermissionPurpose.TopicKey, policy);
                }

                break;
            }

            // Step Functions (SAR "AWS Step Functions"): StartExecution on the state machine; a synchronous nested execution
            // also needs DescribeExecution/StopExecution on its executions and the EventBridge rule Step Functions manages
            // ("IAM policies for nested Step Functions executions", stepfunctions-iam).
            case ("states", "startExecution"):
            {
                var machine = Text(input, "StateMachineArn");
                Need("states:StartExecution", machine);
                if (taskResource is not null && taskResource.Contains(":startExecution.sync", StringComparison.Ordinal))
                {
                    var execution = ExecutionArn(machine, (string?)input["Name"]);
                    Need("states:DescribeExecution", execution, purpose: PermissionPurpose.NestedExecution);
                    Need("states:StopExecution", execution, purpose: PermissionPurpose.NestedExecution);
                    Need("events:PutTargets", NestedExecutionRule, purpose: PermissionPurpose.NestedExecution);
                    Need("events:PutRule", NestedExecutionRule, purpose: PermissionPurpose.NestedExecution);
                    Need("events:DescribeRule", NestedExecutionRule, purpose: PermissionPurpose.NestedExecution);
                }

                break;
            }

            // Step Functions through the aws-sdk integration (SAR "AWS Step Functions"): DescribeExecution on the execution
            // (resource type execution, arn:…:execution:<state machine name>:<execution name>).
            case ("sfn", "describeExecution"):
                Need("states:DescribeExecution", Text(input, "ExecutionArn"));
                break;

            // StopExecution: the same resource type (SAR "AWS Step Functions", StopExecution: execution*).
            case ("sfn", "stopExecution"):
                Need("states:StopExecution", Text(input, "ExecutionArn"));
                break;

            default:
                throw new NotSupportedException($"No authorization is mapped for {service}:{action}; add it to {nameof(RequiredPermissions)} with the documentation it follows.");
        }

        return checks;
    }

    /// <summary>
    /// An Auto Scaling group's ARN: <c>arn:aws:autoscaling:&lt;region&gt;:&lt;account&gt;:autoScalingGroup:&lt;uuid&gt;:autoScalingGroupName/&lt;name&gt;</c>
    /// (SAR resource type autoScalingGroup); the UUID is AWS's, ours is derived from the name.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms",
        Justification = "MD5 only turns a group's name into a stable UUID-shaped id for a simulated ARN; nothing is secured by it.")]
    public static string GroupArn(string name) =>
        $"arn:aws:autoscaling:{Region}:{Account}:autoScalingGroup:{new Guid(MD5.HashData(Encoding.UTF8.GetBytes(name)))}:autoScalingGroupName/{name}";

    /// <summary>A launch template's ARN (SAR resource type launch-template).</summary>
    public static string LaunchTemplateArn(string id) => $"arn:aws:ec2:{Region}:{Account}:launch-template/{id}";

    /// <summary>
    /// The ARN of a nested execution: <c>…:execution:&lt;state machine name&gt;:&lt;execution name&gt;</c>. Without a <c>Name</c>
    /// parameter Step Functions names it with a UUID (StartExecution API, <c>name</c>), so no policy can depend on it; ours is fixed.
    /// </summary>
    public static string ExecutionArn(string stateMachineArn, string? name) =>
        stateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + (name ?? "00000000-0000-4000-8000-000000000000");

    /// <summary>
    /// What Auto Scaling checks when a request names a launch template: <c>ec2:RunInstances</c> on what the launch would use,
    /// <c>ec2:CreateTags</c> for its tag specifications and <c>iam:PassRole</c> for its instance profile's role (EC2 Auto Scaling
    /// user guide, "Amazon EC2 Auto Scaling API permissions" — "Required permissions from other AWS APIs" — and "Control Amazon
    /// EC2 launch template usage in Auto Scaling groups": these permissions "are checked when an Auto Scaling group is created or
    /// updated using a launch template").
    /// </summary>
    private static IEnumerable<PermissionCheck> LaunchTemplateUse(JsonObject specification, string groupName, JsonObject request, StackPolicies stack,
        Func<string, string, JsonObject?>? launchTemplateVersion)
    {
        var id = (string?)specification["LaunchTemplateId"] ?? Text(specification, "LaunchTemplateName");
        var version = (string?)specification["Version"] ?? "$Default";
        var data = EffectiveData(id, version, stack, launchTemplateVersion);
        var template = LaunchTemplateArn(id);
        var arn = $"arn:aws:ec2:{Region}:{Account}";

        // RunInstances resource types (SAR "Amazon EC2", RunInstances: image, instance, network-interface, security-group and
        // subnet required; launch-template, volume, key-pair when used), each with ec2:LaunchTemplate = the template's ARN and
        // ec2:IsLaunchTemplateResource for what the template itself specifies (EC2 user guide, "Control the use of launch templates").
        PermissionCheck Run(string resource, bool fromTemplate, Dictionary<string, IReadOnlyList<string>>? more = null)
        {
            var context = new Dictionary<string, IReadOnlyList<string>>(more ?? []) { ["ec2:LaunchTemplate"] = [template] };
            context["ec2:IsLaunchTemplateResource"] = [fromTemplate ? "true" : "false"];
            return new PermissionCheck(new AuthorizationRequest { Action = "ec2:RunInstances", Resource = resource, Context = context }, PermissionPurpose.LaunchTemplateUse, id);
        }

        yield return Run(template, fromTemplate: false);
        var image = ImageId(data);
        yield return Run($"arn:aws:ec2:{Region}::image/{image}", fromTemplate: true, new() { ["ec2:ImageID"] = [image] });
        var subnets = request["VPCZoneIdentifier"] is JsonValue zones
            ? ((string)zones!).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : stack.GroupSubnets.GetValueOrDefault(groupName)?.ToArray() ?? ["*"];
        foreach (var subnet in subnets)
        {
            yield return Run($"{arn}:subnet/{subnet}", fromTemplate: false);
        }

        var groups = Strings(data["SecurityGroupIds"])
            .Concat((data["NetworkInterfaces"] as JsonArray ?? []).SelectMany(n => Strings(n?["Groups"])))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var group in groups.Count == 0 ? ["*"] : groups)
        {
            yield return Run($"{arn}:security-group/{group}", fromTemplate: groups.Count > 0);
        }

        yield return Run($"{arn}:network-interface/*", fromTemplate: data["NetworkInterfaces"] is JsonArray);
        yield return Run($"{arn}:volume/*", fromTemplate: data["BlockDeviceMappings"] is JsonArray);
        var instance = new Dictionary<string, IReadOnlyList<string>>();
        if ((string?)data["InstanceType"] is { } type)
        {
            instance["ec2:InstanceType"] = [type];
        }

        yield return Run($"{arn}:instance/*", fromTemplate: true, instance);
        if ((string?)data["KeyName"] is { } key)
        {
            yield return Run($"{arn}:key-pair/{key}", fromTemplate: true);
        }

        // CreateTags on what the launch tags, as part of RunInstances (EC2 user guide, "Grant permission to tag resources during
        // creation": ec2:CreateAction = RunInstances, with aws:RequestTag/… and aws:TagKeys).
        foreach (var specificationOfTags in (data["TagSpecifications"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var context = RequestTags(specificationOfTags["Tags"]);
            context["ec2:CreateAction"] = ["RunInstances"];
            yield return new PermissionCheck(new AuthorizationRequest
            {
                Action = "ec2:CreateTags",
                Resource = $"{arn}:{Text(specificationOfTags, "ResourceType")}/*",
                Context = context,
            }, PermissionPurpose.LaunchTemplateUse, id);
        }

        // PassRole for the instance profile's role (IAM user guide, "Grant a user permissions to pass a role to an AWS service";
        // iam:PassedToService = ec2.amazonaws.com).
        if (data["IamInstanceProfile"] is JsonObject profile)
        {
            var named = (string?)profile["Arn"] ?? Text(profile, "Name");
            var roles = stack.InstanceProfileRoles.GetValueOrDefault(named)
                ?? throw new NotSupportedException($"The launch template's instance profile {named} is not in the template: its role is unknown.");
            foreach (var role in roles)
            {
                yield return new PermissionCheck(new AuthorizationRequest
                {
                    Action = "iam:PassRole",
                    Resource = role,
                    Context = new Dictionary<string, IReadOnlyList<string>> { ["iam:PassedToService"] = ["ec2.amazonaws.com"] },
                }, PermissionPurpose.LaunchTemplateUse, id);
            }
        }
    }

    /// <summary>
    /// A version's launch parameters: the template's, with the version's own replacing them parameter by parameter (a version
    /// created from a source version inherits what it does not specify: CreateLaunchTemplateVersion API, <c>SourceVersion</c>).
    /// </summary>
    private static JsonObject EffectiveData(string id, string version, StackPolicies stack, Func<string, string, JsonObject?>? launchTemplateVersion)
    {
        var data = stack.LaunchTemplates.TryGetValue(id, out var template) ? (JsonObject)template.DeepClone() : new JsonObject();
        if (launchTemplateVersion?.Invoke(id, version) is { } own)
        {
            foreach (var (key, value) in own)
            {
                data[key] = value?.DeepClone();
            }
        }

        return data;
    }

    /// <summary>
    /// The AMI a launch would use. A template's <c>ImageId</c> may be an SSM parameter that CloudFormation resolves to an AMI id
    /// at deployment (<c>AWS::SSM::Parameter::Value&lt;AWS::EC2::Image::Id&gt;</c>): the resolver leaves its name, so we stand in
    /// an AMI id derived from it.
    /// </summary>
    private static string ImageId(JsonObject data)
    {
        var image = (string?)data["ImageId"] ?? "ami-unspecified";
        return image.StartsWith("ami-", StringComparison.Ordinal)
            ? image
            : "ami-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(image)))[..17].ToLowerInvariant();
    }

    private static Dictionary<string, IReadOnlyList<string>> GroupConditions(JsonObject input)
    {
        var context = new Dictionary<string, IReadOnlyList<string>>();
        if (input["LaunchTemplate"] is JsonObject template)
        {
            // autoscaling:LaunchTemplateVersionSpecified: whether a version other than $Latest/$Default is named (SAR condition keys).
            var version = (string?)template["Version"];
            context["autoscaling:LaunchTemplateVersionSpecified"] = [version is not null && version != "$Latest" && version != "$Default" ? "true" : "false"];
        }

        foreach (var (member, key) in new[] { ("MinSize", "autoscaling:MinSize"), ("MaxSize", "autoscaling:MaxSize") })
        {
            if (input[member] is JsonValue value)
            {
                context[key] = [value.TryGetValue<string>(out var text) ? text : value.ToJsonString()];
            }
        }

        if ((string?)input["VPCZoneIdentifier"] is { } zones)
        {
            context["autoscaling:VPCZoneIdentifiers"] = zones.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        }

        return context;
    }

    private static Dictionary<string, IReadOnlyList<string>> RequestTags(JsonNode? tags)
    {
        var context = new Dictionary<string, IReadOnlyList<string>>();
        var keys = new List<string>();
        foreach (var tag in (tags as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = Text(tag, "Key");
            keys.Add(key);
            context[$"aws:RequestTag/{key}"] = [(string?)tag["Value"] ?? string.Empty];
        }

        if (keys.Count > 0)
        {
            context["aws:TagKeys"] = keys;
        }

        return context;
    }

    private static string Text(JsonObject input, string member) =>
        input[member] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new InvalidDataException($"The request has no string {member}: {input.ToJsonString()}");

    private static IEnumerable<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>();

    private static string Pascal(string action) => char.ToUpperInvariant(action[0]) + action[1..];
}
