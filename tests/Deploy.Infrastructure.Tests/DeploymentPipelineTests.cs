using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Deploy.Constructs;
using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests;

public class DeploymentPipelineTests
{
    [Fact]
    public void Constructor_Default_CreatesKmsEncryptedTlsOnlyTopicWithSubscriptions()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewPipeline(stack, emails: new[] { "ops@example.com", "oncall@example.com" });

        var template = TemplateJson.Of(stack);
        var topic = template.OnlyResource("AWS::SNS::Topic")["Properties"]!;
        var key = template.Resources("AWS::KMS::Key").Single();
        var topicPolicy = template.OnlyResource("AWS::SNS::TopicPolicy")["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray();
        var emails = template.Resources("AWS::SNS::Subscription").Select(s => s.Value["Properties"]!["Endpoint"]!.GetValue<string>()).OrderBy(e => e);

        Assert.Equal($"{{\"Fn::GetAtt\":[\"{key.Key}\",\"Arn\"]}}", topic["KmsMasterKeyId"]!.ToJsonString());
        Assert.True(key.Value["Properties"]!["EnableKeyRotation"]!.GetValue<bool>());
        var deny = Assert.Single(topicPolicy, s => s!["Effect"]!.GetValue<string>() == "Deny")!;
        Assert.Equal("false", deny["Condition"]!["Bool"]!["aws:SecureTransport"]!.GetValue<string>());
        Assert.Equal(new[] { "oncall@example.com", "ops@example.com" }, emails);
        Assert.Contains("cloudwatch.amazonaws.com", key.Value["Properties"]!["KeyPolicy"]!.ToJsonString(), StringComparison.Ordinal);
        // The topic policy replaces SNS's default one: the alarm actions need their own Allow, limited to this pipeline's alarms.
        var alarms = Assert.Single(topicPolicy, s => s!["Effect"]!.GetValue<string>() == "Allow")!;
        Assert.Equal("cloudwatch.amazonaws.com", alarms["Principal"]!["Service"]!.GetValue<string>());
        Assert.Equal("sns:Publish", alarms["Action"]!.GetValue<string>());
        Assert.Contains(":alarm:shop-staging-*", alarms["Condition"]!["ArnLike"]!["aws:SourceArn"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(alarms["Condition"]!["StringEquals"]!["aws:SourceAccount"]);
    }

    [Fact]
    public void Constructor_Thresholds_CreatesThreeRollbackAlarmsPerColorWithConfiguredThresholds()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewPipeline(stack, new DeploymentConfiguration { MaxTarget5xxCount = 25, MinHealthyPercentage = 75, MaxResponseTimeMs = 1500 });

        var alarms = TemplateJson.Of(stack).Resources("AWS::CloudWatch::Alarm")
            .ToDictionary(a => a.Value["Properties"]!["AlarmName"]!.GetValue<string>(), a => a.Value["Properties"]!);

        Assert.Equal(6, alarms.Count);
        foreach (var color in new[] { "blue", "green" })
        {
            var errors = alarms[$"shop-staging-{color}-target-5xx"];
            Assert.Equal(("HTTPCode_Target_5XX_Count", "Sum"), MetricOf(errors));
            Assert.Equal(25, errors["Threshold"]!.GetValue<int>());
            Assert.Equal(3, errors["EvaluationPeriods"]!.GetValue<int>());
            Assert.Equal(60, Assert.Single(errors["Metrics"]!.AsArray())!["MetricStat"]!["Period"]!.GetValue<int>());
            Assert.Equal("GreaterThanThreshold", errors["ComparisonOperator"]!.GetValue<string>());
            Assert.Equal("notBreaching", errors["TreatMissingData"]!.GetValue<string>());

            var healthy = alarms[$"shop-staging-{color}-healthy-hosts"];
            Assert.Equal(75, healthy["Threshold"]!.GetValue<int>());
            Assert.Equal(2, healthy["EvaluationPeriods"]!.GetValue<int>());
            Assert.Equal("LessThanThreshold", healthy["ComparisonOperator"]!.GetValue<string>());
            // The expression the alarm evaluates: the one query without ReturnData false (CloudWatch alarms on exactly one).
            var evaluated = Assert.Single(healthy["Metrics"]!.AsArray(), m => m!["ReturnData"]?.GetValue<bool>() != false)!;
            Assert.Equal("100 * healthy / (healthy + unhealthy)", evaluated["Expression"]!.GetValue<string>());

            var latency = alarms[$"shop-staging-{color}-p99-response-time"];
            Assert.Equal(1.5, latency["Threshold"]!.GetValue<double>());
            Assert.Equal(("TargetResponseTime", "p99"), MetricOf(latency));
            Assert.Equal(3, latency["EvaluationPeriods"]!.GetValue<int>());
        }
    }

    private static (string Name, string Stat) MetricOf(JsonNode alarm)
    {
        var stat = alarm["Metrics"]!.AsArray().Single()!["MetricStat"]!;
        return (stat["Metric"]!["MetricName"]!.GetValue<string>(), stat["Stat"]!.GetValue<string>());
    }

    [Fact]
    public void Constructor_Default_CompositeAlarmPerColorCombinesItsThreeAlarms()
    {
        var template = TestStacks.DefaultTemplate;
        var composites = template.Resources("AWS::CloudWatch::CompositeAlarm").ToDictionary(
            c => c.Value["Properties"]!["AlarmName"]!.GetValue<string>(), c => c.Value["Properties"]!);

        Assert.Equal(new[] { "shop-staging-blue-rollback", "shop-staging-green-rollback" }, composites.Keys.OrderBy(k => k));
        var blueRule = TemplateJson.Flatten(composites["shop-staging-blue-rollback"]["AlarmRule"]!);
        var blueAlarms = template.Resources("AWS::CloudWatch::Alarm").Where(a => a.Key.StartsWith("PipelineBlueAlarms", StringComparison.Ordinal)).Select(a => a.Key).ToList();
        Assert.Equal(3, blueAlarms.Count);
        Assert.All(blueAlarms, id => Assert.Contains($"ALARM(\"${{{id}.Arn}}\")", blueRule, StringComparison.Ordinal));
        Assert.DoesNotContain("PipelineGreenAlarms", blueRule, StringComparison.Ordinal);
        Assert.Single(composites["shop-staging-blue-rollback"]["AlarmActions"]!.AsArray());
    }

    [Theory]
    [InlineData(true, "ENABLED")]
    [InlineData(false, "DISABLED")]
    public void Constructor_AutoRollback_AlarmRuleStartsRollbackWhenCompositeEntersAlarm(bool autoRollback, string state)
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewPipeline(stack, new DeploymentConfiguration { AutoRollback = autoRollback });

        var template = TemplateJson.Of(stack);
        var rule = template.Resources("AWS::Events::Rule").Single(r => r.Key.StartsWith("PipelineAlarmRule", StringComparison.Ordinal)).Value["Properties"]!;
        var rollback = template.Resources("AWS::StepFunctions::StateMachine").Single(m => m.Key.StartsWith("PipelineRollback", StringComparison.Ordinal)).Key;
        var composites = template.Resources("AWS::CloudWatch::CompositeAlarm").Select(c => $"{{\"Fn::GetAtt\":[\"{c.Key}\",\"Arn\"]}}").ToList();

        Assert.Equal(state, rule["State"]!.GetValue<string>());
        Assert.Equal("[\"aws.cloudwatch\"]", rule["EventPattern"]!["source"]!.ToJsonString());
        Assert.Equal("[\"ALARM\"]", rule["EventPattern"]!["detail"]!["state"]!["value"]!.ToJsonString());
        Assert.Equal(composites, rule["EventPattern"]!["resources"]!.AsArray().Select(r => r!.ToJsonString()));
        var target = Assert.Single(rule["Targets"]!.AsArray())!;
        Assert.Equal($"{{\"Ref\":\"{rollback}\"}}", target["Arn"]!.ToJsonString());
        Assert.Contains("\"trigger\":\"alarm\"", target["InputTransformer"]!["InputTemplate"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Constructor_AnyAutoRollback_RecoveryRuleStartsRecoveryWhenDeployOrRollbackEndsStoppedTimedOutOrFailed(bool autoRollback)
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewPipeline(stack, new DeploymentConfiguration { AutoRollback = autoRollback });

        var template = TemplateJson.Of(stack);
        var rule = template.Resources("AWS::Events::Rule").Single(r => r.Key.StartsWith("PipelineRecoveryRule", StringComparison.Ordinal)).Value["Properties"]!;
        string Machine(string prefix) => template.Resources("AWS::StepFunctions::StateMachine").Single(m => m.Key.StartsWith(prefix, StringComparison.Ordinal)).Key;

        // Enabled whatever the auto-rollback setting: a stopped execution must never leave the lock or split traffic behind.
        Assert.Equal("ENABLED", rule["State"]!.GetValue<string>());
        var pattern = rule["EventPattern"]!;
        Assert.Equal("[\"aws.states\"]", pattern["source"]!.ToJsonString());
        Assert.Equal("[\"Step Functions Execution Status Change\"]", pattern["detail-type"]!.ToJsonString());
        Assert.Equal("[\"ABORTED\",\"TIMED_OUT\",\"FAILED\"]", pattern["detail"]!["status"]!.ToJsonString());
        Assert.Equal(new[] { $"{{\"Ref\":\"{Machine("PipelineDeploy")}\"}}", $"{{\"Ref\":\"{Machine("PipelineRollback")}\"}}" },
            pattern["detail"]!["stateMachineArn"]!.AsArray().Select(a => a!.ToJsonString()));
        var target = Assert.Single(rule["Targets"]!.AsArray())!;
        Assert.Equal($"{{\"Ref\":\"{Machine("PipelineRecovery")}\"}}", target["Arn"]!.ToJsonString());
        // The whole event is the input: the recovery reads detail.executionArn, detail.stateMachineArn and detail.status.
        Assert.Null(target["Input"]);
        Assert.Null(target["InputTransformer"]);
        Assert.Equal(8, target["RetryPolicy"]!["MaximumRetryAttempts"]!.GetValue<int>());
    }

    [Fact]
    public void Constructor_Default_LockTableIsOnDemandWithPointInTimeRecoveryAndEncryption()
    {
        var table = TestStacks.DefaultTemplate.OnlyResource("AWS::DynamoDB::Table");
        var properties = table["Properties"]!;

        Assert.Equal("PAY_PER_REQUEST", properties["BillingMode"]!.GetValue<string>());
        Assert.True(properties["PointInTimeRecoverySpecification"]!["PointInTimeRecoveryEnabled"]!.GetValue<bool>());
        Assert.True(properties["SSESpecification"]!["SSEEnabled"]!.GetValue<bool>());
        Assert.Equal("[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]", properties["KeySchema"]!.ToJsonString());
        Assert.Equal("Retain", table["DeletionPolicy"]!.GetValue<string>());
    }

    [Fact]
    public void Constructor_Default_CreatesFiveLoggedTracedStateMachines()
    {
        var machines = TestStacks.DefaultTemplate.Resources("AWS::StepFunctions::StateMachine")
            .ToDictionary(m => m.Value["Properties"]!["StateMachineName"]!.GetValue<string>(), m => m.Value["Properties"]!);

        Assert.Equal(new[] { "shop-staging-deploy", "shop-staging-health-probe", "shop-staging-recovery", "shop-staging-rollback", "shop-staging-unlock" }, machines.Keys.OrderBy(k => k));
        Assert.Equal("STANDARD", machines["shop-staging-unlock"]["StateMachineType"]!.GetValue<string>());
        Assert.Equal("STANDARD", machines["shop-staging-recovery"]["StateMachineType"]!.GetValue<string>());
        Assert.Equal("STANDARD", machines["shop-staging-deploy"]["StateMachineType"]!.GetValue<string>());
        Assert.Equal("STANDARD", machines["shop-staging-rollback"]["StateMachineType"]!.GetValue<string>());
        Assert.Equal("EXPRESS", machines["shop-staging-health-probe"]["StateMachineType"]!.GetValue<string>());
        foreach (var machine in machines.Values)
        {
            Assert.Equal("ALL", machine["LoggingConfiguration"]!["Level"]!.GetValue<string>());
            Assert.True(machine["LoggingConfiguration"]!["IncludeExecutionData"]!.GetValue<bool>());
            Assert.True(machine["TracingConfiguration"]!["Enabled"]!.GetValue<bool>());
            Assert.Contains(machine["Tags"]!.AsArray(), t => t!["Key"]!.GetValue<string>() == "deploy:environment" && t["Value"]!.GetValue<string>() == "staging");
        }
    }

    [Theory]
    [InlineData(null, "x86_64")]
    [InlineData("arm64", "arm64")]
    public void Constructor_HandlerArchitecture_CreatesThreeDotnet10Handlers(string? architecture, string expected)
    {
        var stack = TestStacks.NewStack();
        _ = new DeploymentPipeline(stack, "Pipeline", new DeploymentPipelineProps
        {
            Fleet = TestStacks.NewFleet(stack),
            ApplicationName = "shop",
            EnvironmentName = "staging",
            HandlerArchitecture = architecture is null ? null : Architecture.ARM_64,
        });

        // The pipeline's handlers (the fleet's update guard is the fleet's own).
        var functions = TemplateJson.Of(stack).Resources("AWS::Lambda::Function")
            .Where(f => f.Key.StartsWith("Pipeline", StringComparison.Ordinal) && f.Value["Properties"]!["Runtime"] is JsonValue runtime && runtime.GetValue<string>() == "dotnet10")
            .Select(f => f.Value["Properties"]!).ToList();

        Assert.Equal(
            new[] { "Deploy.HealthCheck::Deploy.HealthCheck.Function::Handler", "Deploy.LaunchTemplateRevert::Deploy.LaunchTemplateRevert.Function::Handler", "Deploy.ValidateRequest::Deploy.ValidateRequest.Function::Handler" },
            functions.Select(f => f["Handler"]!.GetValue<string>()).OrderBy(h => h));
        Assert.All(functions, f => Assert.Equal($"[\"{expected}\"]", f["Architectures"]!.ToJsonString()));
        Assert.All(functions, f => Assert.Equal("Active", f["TracingConfig"]!["Mode"]!.GetValue<string>()));
    }

    [Fact]
    public void Constructor_Default_DashboardShowsWeightsHealthErrorsLatencyAndOutcomes()
    {
        var body = TemplateJson.Flatten(TestStacks.DefaultTemplate.OnlyResource("AWS::CloudWatch::Dashboard")["Properties"]!["DashboardBody"]!);

        foreach (var title in new[] { "Traffic weight (%)", "Healthy targets", "Target 5XX responses", "p99 target response time", "Deployment outcomes", "Rollback alarms" })
        {
            Assert.Contains($"\"title\":\"{title}\"", body, StringComparison.Ordinal);
        }

        Assert.Contains("\"BlueGreenDeployments\",\"TrafficWeight\"", body, StringComparison.Ordinal);
        Assert.Contains("\"BlueGreenDeployments\",\"DeploymentsRolledBack\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_Default_OutputsEveryResourceAnOperatorNeeds()
    {
        var outputs = TestStacks.DefaultTemplate.Root["Outputs"]!.AsObject().Select(o => o.Key).ToList();

        foreach (var name in new[] { "DeployStateMachineArn", "RollbackStateMachineArn", "RecoveryStateMachineArn", "UnlockStateMachineArn", "HealthProbeStateMachineArn", "TopicArn", "TableName", "ListenerRuleArn", "BlueTargetGroupArn", "GreenTargetGroupArn", "BlueGroupName", "GreenGroupName", "DashboardName", "WorstCaseTimeToRollbackSeconds", "LoadBalancerDnsName" })
        {
            Assert.Contains(outputs, o => o.StartsWith("Pipeline" + name, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void MetricDeploymentsSucceeded_Default_UsesPipelineNamespaceAndDimensions()
    {
        var stack = TestStacks.NewStack();
        var pipeline = TestStacks.NewPipeline(stack);

        var metric = pipeline.MetricDeploymentsSucceeded();

        Assert.Equal("BlueGreenDeployments", metric.Namespace);
        Assert.Equal("DeploymentsSucceeded", metric.MetricName);
        Assert.Equal("shop", metric.Dimensions!["Application"]);
        Assert.Equal("staging", metric.Dimensions!["Environment"]);
        Assert.Equal("blue", pipeline.MetricTrafficWeight(FleetColor.Blue).Dimensions!["Color"]);
    }

    [Fact]
    public void Grants_OperatorRole_GetsOnlyTheStateMachineActionsItNeeds()
    {
        var stack = TestStacks.NewStack();
        var pipeline = TestStacks.NewPipeline(stack);
        var operatorRole = new Role(stack, "Operator", new RoleProps { AssumedBy = new AccountRootPrincipal() });

        pipeline.GrantStartDeployment(operatorRole);
        pipeline.GrantRollback(operatorRole);
        pipeline.GrantUnlock(operatorRole);
        pipeline.GrantApprove(operatorRole);
        pipeline.GrantRead(operatorRole);

        var template = TemplateJson.Of(stack);
        var statements = template.PolicyStatements().Where(p => p.Policy.StartsWith("OperatorDefaultPolicy", StringComparison.Ordinal)).Select(p => p.Statement).ToList();
        var deploy = template.Resources("AWS::StepFunctions::StateMachine").Single(m => m.Key.StartsWith("PipelineDeploy", StringComparison.Ordinal)).Key;
        var probe = template.Resources("AWS::StepFunctions::StateMachine").Single(m => m.Key.StartsWith("PipelineHealthProbe", StringComparison.Ordinal)).Key;
        var unlock = template.Resources("AWS::StepFunctions::StateMachine").Single(m => m.Key.StartsWith("PipelineUnlock", StringComparison.Ordinal)).Key;

        Assert.Contains(statements, s => TemplateJson.Strings(s["Action"]).Contains("states:StartExecution") && s["Resource"]!.ToJsonString().Contains(deploy, StringComparison.Ordinal));
        Assert.Contains(statements, s => TemplateJson.Strings(s["Action"]).Contains("states:StartExecution") && s["Resource"]!.ToJsonString() == $"{{\"Ref\":\"{unlock}\"}}");
        Assert.DoesNotContain(statements, s => TemplateJson.Strings(s["Action"]).Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal)));
        Assert.Contains(statements, s => TemplateJson.Strings(s["Action"]).Contains("states:DescribeExecution") && TemplateJson.Flatten(s["Resource"]!) is var arn
            && arn.Contains(":execution:", StringComparison.Ordinal) && arn.Contains(unlock, StringComparison.Ordinal));
        Assert.Contains(statements, s => TemplateJson.Strings(s["Action"]).Contains("states:StartSyncExecution") && s["Resource"]!.ToJsonString().Contains(probe, StringComparison.Ordinal));
        // The figures info shows are the Deploy machine's tags.
        Assert.Contains(statements, s => TemplateJson.Strings(s["Action"]).Contains("states:ListTagsForResource") && s["Resource"]!.ToJsonString() == $"{{\"Ref\":\"{deploy}\"}}");
        Assert.Contains(statements, s => TemplateJson.Strings(s["Action"]).Order().SequenceEqual(new[] { "states:SendTaskFailure", "states:SendTaskSuccess" }) && s["Resource"]!.ToJsonString() == "\"*\"");
        Assert.DoesNotContain(statements, s => TemplateJson.Strings(s["Action"]).Any(a => a.EndsWith(":*", StringComparison.Ordinal)));
    }
}
