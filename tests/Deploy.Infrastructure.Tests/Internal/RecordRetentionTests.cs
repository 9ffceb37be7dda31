using System.Text.Json.Nodes;
using Amazon.CDK;
using Deploy.Constructs;
using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests.Internal;

/// <summary>
/// The state table's Time to Live: every deployment record carries <c>expiresAt</c> (the ValidateRequest handler's
/// expiry: the execution's start plus <see cref="DeploymentConfiguration.RecordRetention"/>), and no write of any flow
/// gives the environment's state item one, so the lock and the record of the live color never expire.
/// </summary>
public class RecordRetentionTests
{
    private static readonly string[] Machines = ["PipelineDeploy", "PipelineRollback", "PipelineHealthProbe", "PipelineUnlock", "PipelineRecovery"];

    [Theory]
    [InlineData(null, 365)]
    [InlineData(30, 30)]
    public void Definition_ValidateRequest_GetsTheExecutionStartAndTheRetentionInDays(int? days, int expected)
    {
        var template = days is null ? TestStacks.DefaultTemplate : Synthesize(new DeploymentConfiguration { RecordRetention = Duration.Days(days.Value) });

        var parameters = template.Definition("PipelineDeploy")["States"]!["ValidateRequest"]!["Parameters"]!;

        Assert.Equal("$$.Execution.StartTime", parameters["startedAt.$"]!.GetValue<string>());
        Assert.Equal(expected, parameters["recordRetentionDays"]!.GetValue<int>());
    }

    [Fact]
    public void Definition_DeploymentRecord_ExpiresWhenTheHandlerSaysOnTheTablesTtlAttribute()
    {
        var template = TestStacks.DefaultTemplate;

        var item = template.Definition("PipelineDeploy")["States"]!["WriteDeploymentRecord"]!["Parameters"]!["Item"]!;
        var ttl = template.OnlyResource("AWS::DynamoDB::Table")["Properties"]!["TimeToLiveSpecification"]!;

        Assert.Equal("expiresAt", ttl["AttributeName"]!.GetValue<string>());
        Assert.True(ttl["Enabled"]!.GetValue<bool>());
        Assert.Equal("States.Format('{}', $.validation.recordExpiresAt)", item["expiresAt"]!["N.$"]!.GetValue<string>());
    }

    [Fact]
    public void Definitions_NoWriteOfTheStateItem_SetsAnExpiry()
    {
        var template = TestStacks.DefaultTemplate;

        var stateWrites = Machines
            .SelectMany(m => Tasks(template.Definition(m)).Select(t => (Machine: m, Task: t)))
            .Where(t => t.Task["Resource"]!.GetValue<string>().Contains(":dynamodb:", StringComparison.Ordinal)
                && (t.Task["Parameters"]?["Key"]?["sk"]?["S"] ?? t.Task["Parameters"]?["Item"]?["sk"]?["S"])?.GetValue<string>() == "STATE")
            .ToList();

        Assert.NotEmpty(stateWrites);
        Assert.All(stateWrites, w => Assert.DoesNotContain("expiresAt", w.Task["Parameters"]!.ToJsonString(), StringComparison.Ordinal));
    }

    private static TemplateJson Synthesize(DeploymentConfiguration configuration)
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewPipeline(stack, configuration);
        return TemplateJson.Of(stack);
    }

    /// <summary>Every Task state of a definition, inside Map processors too.</summary>
    private static IEnumerable<JsonObject> Tasks(JsonNode? node) => node switch
    {
        JsonObject o when o["Type"]?.GetValue<string>() == "Task" => [o],
        JsonObject o => o.SelectMany(p => Tasks(p.Value)),
        JsonArray a => a.SelectMany(Tasks),
        _ => [],
    };
}
