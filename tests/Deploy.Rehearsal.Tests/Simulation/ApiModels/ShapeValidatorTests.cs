using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation.ApiModels;

namespace Deploy.Rehearsal.Tests.Simulation.ApiModels;

/// <summary>Each rule of the shape check, compliant and non-compliant, against botocore's real models.</summary>
public class ShapeValidatorTests
{
    private const string Rule = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/lb/1/2/3";
    private const string Group = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/blue/1";

    private static IReadOnlyList<ShapeViolation> Request(string service, string operation, string json, bool awsSdk = true, params string[] anyJson)
    {
        var model = BotocoreModels.Service(service);
        return new ShapeValidator(model, ShapeDirection.Request, awsSdk, anyJson.ToHashSet())
            .Validate(model.Operation(operation).Input!, JsonNode.Parse(json));
    }

    private static IReadOnlyList<ShapeViolation> Response(string service, string operation, string json)
    {
        var model = BotocoreModels.Service(service);
        return new ShapeValidator(model, ShapeDirection.Response, awsSdk: true).Validate(model.Operation(operation).Output!, JsonNode.Parse(json));
    }

    private static string ModifyRule(string targetGroup) =>
        $$"""{ "RuleArn": "{{Rule}}", "Actions": [ { "Type": "forward", "ForwardConfig": { "TargetGroups": [ {{targetGroup}} ] } } ] }""";

    [Fact]
    public void Validate_CompliantModifyRule_NoViolation()
    {
        // Act
        var violations = Request("elbv2", "ModifyRule", ModifyRule($$"""{ "TargetGroupArn": "{{Group}}", "Weight": 100 }"""));

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Validate_MisspeltMember_UnknownMemberAndMissingRequired()
    {
        // Act
        var violations = Request("elbv2", "ModifyRule", $$"""{ "RuleARN": "{{Rule}}" }""");

        // Assert
        Assert.Collection(
            violations,
            v => Assert.Equal((ViolationKind.UnknownMember, "RuleARN", "The field \"RuleARN\" is not supported"), (v.Kind, v.Path, v.Constraint)),
            v => Assert.Equal((ViolationKind.MissingRequired, "RuleArn", "ruleArn", "Member must not be null"), (v.Kind, v.Path, v.WirePath, v.Constraint)));
    }

    [Fact]
    public void Validate_LowerCamelMember_UnknownMember()
    {
        // Step Functions spells every parameter in PascalCase, even for a camelCase API.
        // Act
        var violations = Request("stepfunctions", "StartExecution", """{ "stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:x" }""", awsSdk: false);

        // Assert
        Assert.Equal([ViolationKind.UnknownMember, ViolationKind.MissingRequired], violations.Select(v => v.Kind));
        Assert.Equal("StateMachineArn", violations[1].Path);
    }

    [Theory]
    [InlineData("\"100\"", "string")]
    [InlineData("1.5", "1.5")]
    [InlineData("true", "true")]
    [InlineData("[100]", "[100]")]
    public void Validate_NonIntegerWeight_WrongTypeAtNestedPath(string weight, string shown)
    {
        // Act
        var violations = Request("elbv2", "ModifyRule", ModifyRule($$"""{ "TargetGroupArn": "{{Group}}", "Weight": {{weight}} }"""));

        // Assert
        var violation = Assert.Single(violations);
        Assert.Equal(ViolationKind.WrongType, violation.Kind);
        Assert.Equal("Actions[0].ForwardConfig.TargetGroups[0].Weight", violation.Path);
        Assert.Equal("actions.1.member.forwardConfig.targetGroups.1.member.weight", violation.WirePath);
        Assert.Equal("Weight", violation.Field);
        Assert.Contains(shown == "string" ? "100" : shown, violation.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ObjectForList_WrongType()
    {
        // Act
        var violations = Request("elbv2", "ModifyRule", $$"""{ "RuleArn": "{{Rule}}", "Actions": { "Type": "forward" } }""");

        // Assert
        var violation = Assert.Single(violations);
        Assert.Equal((ViolationKind.WrongType, "Actions"), (violation.Kind, violation.Path));
        Assert.StartsWith("Member must be a list", violation.Constraint, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NestedStructureWithoutRequiredMember_MissingRequiredAtWirePath()
    {
        // Act
        var violations = Request("elbv2", "ModifyRule", $$"""{ "RuleArn": "{{Rule}}", "Actions": [ { "ForwardConfig": { } } ] }""");

        // Assert
        var violation = Assert.Single(violations);
        Assert.Equal((ViolationKind.MissingRequired, "Actions[0].Type", "actions.1.member.type"), (violation.Kind, violation.Path, violation.WirePath));
    }

    [Fact]
    public void Validate_ValueOutsideEnum_NotInEnumListingTheEnum()
    {
        // Act
        var violations = Request("elbv2", "ModifyRule", $$"""{ "RuleArn": "{{Rule}}", "Actions": [ { "Type": "forwards" } ] }""");

        // Assert
        var violation = Assert.Single(violations);
        Assert.Equal((ViolationKind.NotInEnum, "forwards"), (violation.Kind, violation.Value));
        Assert.StartsWith("Member must satisfy enum value set: [forward, authenticate-oidc, ", violation.Constraint, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EnumValueInEnum_NoViolation()
    {
        // Act
        var violations = Request("cloudwatch", "DescribeAlarms", """{ "AlarmNames": ["a"], "AlarmTypes": ["CompositeAlarm"] }""");

        // Assert
        Assert.Empty(violations);
    }

    [Theory]
    [InlineData("0", "Member must have value greater than or equal to 1")]
    [InlineData("60", null)]
    public void Validate_PeriodAgainstItsMinimum_OutOfRangeBelowIt(string period, string? constraint)
    {
        // Arrange
        var json = $$"""
            { "StartTime": "2026-01-01T00:00:00Z", "EndTime": "2026-01-01T00:05:00Z",
              "MetricDataQueries": [ { "Id": "q", "MetricStat": { "Metric": { "MetricName": "RequestCount" }, "Period": {{period}}, "Stat": "Sum" } } ] }
            """;

        // Act
        var violations = Request("cloudwatch", "GetMetricData", json);

        // Assert
        Assert.Equal(constraint is null ? [] : [(ViolationKind.OutOfRange, "MetricDataQueries[0].MetricStat.Period", constraint)],
            violations.Select(v => (v.Kind, v.Path, v.Constraint)));
    }

    [Fact]
    public void Validate_EmptyGroupName_BadLength()
    {
        // Act
        var violations = Request("autoscaling", "UpdateAutoScalingGroup", """{ "AutoScalingGroupName": "" }""");

        // Assert
        var violation = Assert.Single(violations);
        Assert.Equal((ViolationKind.BadLength, "autoScalingGroupName", "Member must have length greater than or equal to 1"),
            (violation.Kind, violation.WirePath, violation.Constraint));
    }

    [Fact]
    public void Validate_ListLongerThanItsMaximum_BadLength()
    {
        // Arrange
        var names = new JsonArray(Enumerable.Range(0, 101).Select(i => (JsonNode)$"alarm-{i}").ToArray());

        // Act
        var violations = Request("cloudwatch", "DescribeAlarms", new JsonObject { ["AlarmNames"] = names }.ToJsonString());

        // Assert
        var violation = Assert.Single(violations);
        Assert.Equal((ViolationKind.BadLength, "AlarmNames", "Member must have length less than or equal to 100"), (violation.Kind, violation.Path, violation.Constraint));
    }

    [Fact]
    public void Validate_NullMemberInRequest_TreatedAsAbsent()
    {
        // Act
        var optional = Request("elbv2", "ModifyRule", $$"""{ "RuleArn": "{{Rule}}", "Actions": null }""");
        var required = Request("elbv2", "ModifyRule", """{ "RuleArn": null }""");

        // Assert
        Assert.Empty(optional);
        Assert.Equal(ViolationKind.MissingRequired, Assert.Single(required).Kind);
    }

    [Fact]
    public void Validate_NullMemberInResponse_WrongType()
    {
        // Act
        var violations = Response("elbv2", "DescribeRules", """{ "Rules": [ { "RuleArn": null } ] }""");

        // Assert
        var violation = Assert.Single(violations);
        Assert.Equal((ViolationKind.WrongType, "Rules[0].RuleArn"), (violation.Kind, violation.Path));
    }

    [Fact]
    public void Validate_ResponseWithoutRequiredMember_MissingRequired()
    {
        // Act
        var violations = Response("stepfunctions", "StartExecution", """{ "ExecutionArn": "arn:aws:states:us-east-1:123456789012:execution:x:y" }""");

        // Assert
        Assert.Equal(("StartDate", ViolationKind.MissingRequired), (Assert.Single(violations).Path, violations[0].Kind));
    }

    [Fact]
    public void Validate_MapOfAttributeValues_ChecksKeysAndValues()
    {
        // Arrange
        const string Valid = """{ "TableName": "t", "Key": { "pk": { "S": "a" } }, "ExpressionAttributeValues": { ":me": { "S": "x" }, ":n": { "BOOL": false } } }""";
        const string Invalid = """{ "TableName": "t", "Key": { "pk": { "S": "a" } }, "ExpressionAttributeValues": { ":me": { "S": 1 }, ":n": { "Bool": false } } }""";

        // Act
        var valid = Request("dynamodb", "UpdateItem", Valid, awsSdk: false);
        var invalid = Request("dynamodb", "UpdateItem", Invalid, awsSdk: false);

        // Assert
        Assert.Empty(valid);
        Assert.Equal(
            [(ViolationKind.WrongType, "ExpressionAttributeValues.:me.S"), (ViolationKind.UnknownMember, "ExpressionAttributeValues.:n.Bool")],
            invalid.Select(v => (v.Kind, v.Path)));
    }

    [Theory]
    [InlineData("\"2026-01-01T00:00:00.000Z\"", true)]
    [InlineData("1767225600", true)]
    [InlineData("\"yesterday\"", false)]
    [InlineData("true", false)]
    public void Validate_Timestamp_IsoTextOrEpochSeconds(string time, bool valid)
    {
        // Arrange
        var json = $$"""{ "StartTime": {{time}}, "EndTime": "2026-01-01T00:05:00Z", "MetricDataQueries": [ { "Id": "q", "Expression": "1" } ] }""";

        // Act
        var violations = Request("cloudwatch", "GetMetricData", json);

        // Assert
        Assert.Equal(valid ? [] : [(ViolationKind.WrongType, "StartTime")], violations.Select(v => (v.Kind, v.Path)));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("\"true\"", false)]
    public void Validate_Boolean_OnlyJsonBooleans(string consistent, bool valid)
    {
        // Act
        var violations = Request("dynamodb", "GetItem", $$"""{ "TableName": "t", "Key": { "pk": { "S": "a" } }, "ConsistentRead": {{consistent}} }""", awsSdk: false);

        // Assert
        Assert.Equal(valid ? [] : [(ViolationKind.WrongType, "ConsistentRead")], violations.Select(v => (v.Kind, v.Path)));
    }

    [Fact]
    public void Validate_Ec2ListMember_PluralMemberNameNotTheQueryLocationName()
    {
        // The model's member is TagSpecifications (locationName TagSpecification, the query protocol's TagSpecification.N):
        // Step Functions asks for the plural form.
        // Arrange
        const string Plural = """{ "LaunchTemplateId": "lt-1", "LaunchTemplateData": { "TagSpecifications": [ { "ResourceType": "instance", "Tags": [ { "Key": "k", "Value": "v" } ] } ] } }""";
        const string Singular = """{ "LaunchTemplateId": "lt-1", "LaunchTemplateData": { "TagSpecification": [ { "ResourceType": "instance" } ] } }""";

        // Act
        var plural = Request("ec2", "CreateLaunchTemplateVersion", Plural);
        var singular = Request("ec2", "CreateLaunchTemplateVersion", Singular);

        // Assert
        Assert.Empty(plural);
        Assert.Equal((ViolationKind.UnknownMember, "LaunchTemplateData.TagSpecification"), (Assert.Single(singular).Kind, singular[0].Path));
    }

    [Fact]
    public void Validate_JsonObjectForStringMember_AcceptedOnlyWhereTheIntegrationTakesJson()
    {
        // Arrange
        const string Json = """{ "TopicArn": "arn:aws:sns:us-east-1:123456789012:t", "Message": { "event": "DeploymentStarted" } }""";

        // Act
        var optimized = Request("sns", "Publish", Json, awsSdk: false, "Message");
        var plain = Request("sns", "Publish", Json, awsSdk: false);

        // Assert
        Assert.Empty(optimized);
        Assert.Equal((ViolationKind.WrongType, "Message"), (Assert.Single(plain).Kind, plain[0].Path));
    }

    [Theory]
    [InlineData("stateMachineArn", true, "StateMachineArn")]
    [InlineData("Equals", true, "EqualsValue")]
    [InlineData("Equals", false, "Equals")]
    [InlineData("BOOL", false, "BOOL")]
    public void StepFunctionsName_ModelMember_PascalCaseAndEqualsValue(string member, bool awsSdk, string expected)
    {
        // Act
        var name = ShapeValidator.StepFunctionsName(member, awsSdk);

        // Assert
        Assert.Equal(expected, name);
    }
}
