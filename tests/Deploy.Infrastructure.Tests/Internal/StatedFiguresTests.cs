using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Deploy.Constructs;
using Deploy.Contracts.Flows;
using Deploy.Contracts.Pipeline;
using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests.Internal;

public class StatedFiguresTests
{
    [Fact]
    public void Tags_Default_PublishTheWorstCaseTheConstructComputesFromTheAlarmsItSynthesized()
    {
        // Arrange
        var stack = TestStacks.NewStack();
        var pipeline = TestStacks.NewPipeline(stack);

        // Act
        var template = TemplateJson.Of(stack);

        // Assert: the slowest alarm's window as synthesized (evaluation periods × period, whatever they are), plus 60 s of
        // alarm publication and 10 s of delivery and two states; the tag is that figure, and so is the property.
        var window = template.Resources("AWS::CloudWatch::Alarm").Max(a => WindowSeconds(a.Value["Properties"]!.AsObject()));
        Assert.Equal(window + 60 + 10, pipeline.WorstCaseTimeToRollback.ToSeconds());
        Assert.Equal(Whole(pipeline.WorstCaseTimeToRollback.ToSeconds()), DeployTags(template)[PublishedTags.WorstCaseRollbackSeconds]);
        Assert.Equal(250, pipeline.WorstCaseTimeToRollback.ToSeconds());
    }

    [Fact]
    public void Tags_Configuration_PublishTheFiguresTheDeployDefinitionRunsWith()
    {
        // Arrange
        var stack = TestStacks.NewStack();
        var pipeline = TestStacks.NewPipeline(stack, new DeploymentConfiguration
        {
            GracePeriod = Duration.Minutes(2), DeploymentTimeout = Duration.Minutes(10), HealthPollInterval = Duration.Seconds(20),
            BakeTime = Duration.Minutes(10), ApprovalRequired = true,
        });

        // Act
        var template = TemplateJson.Of(stack);
        var tags = DeployTags(template);
        var states = template.Definition("PipelineDeploy")["States"]!.AsObject();

        // Assert: what the definition waits, and the figures that follow from it.
        Assert.Equal(Seconds(states, FlowStateNames.Deploy.GracePeriod), tags[PublishedTags.GracePeriodSeconds]);
        Assert.Equal("120", tags[PublishedTags.GracePeriodSeconds]);
        Assert.Equal(Seconds(states, FlowStateNames.Deploy.WaitForHealth), tags[PublishedTags.HealthPollIntervalSeconds]);
        Assert.Equal("24", tags[PublishedTags.MaxHealthPolls]);
        Assert.Equal(Seconds(states, FlowStateNames.Deploy.Bake), tags[PublishedTags.BakeCheckIntervalSeconds]);
        Assert.Equal("60", tags[PublishedTags.BakeCheckIntervalSeconds]);
        Assert.Equal("true", tags[PublishedTags.ApprovalRequired]);
        Assert.Equal(Whole(pipeline.WorstCaseTimeToRollbackDuringBake.ToSeconds()), tags[PublishedTags.WorstCaseRollbackDuringBakeSeconds]);
        Assert.Equal("70", tags[PublishedTags.WorstCaseRollbackDuringBakeSeconds]);
    }

    [Fact]
    public void Tags_Default_OnlyTheDeployStateMachineCarriesThemNotItsRole()
    {
        var machines = TestStacks.DefaultTemplate.Resources("AWS::StepFunctions::StateMachine").ToList();

        var published = TestStacks.DefaultTemplate.Root["Resources"]!.AsObject()
            .Where(r => (r.Value!["Properties"]?["Tags"] as JsonArray ?? []).Any(t => t?["Key"]?.GetValue<string>()?.StartsWith(PublishedTags.Prefix, StringComparison.Ordinal) == true))
            .Select(r => r.Key);

        Assert.Equal(5, machines.Count);
        Assert.Equal([machines.Single(m => m.Key.StartsWith("PipelineDeploy", StringComparison.Ordinal)).Key], published);
        Assert.Equal(7, Tags(machines.Single(m => m.Key.StartsWith("PipelineDeploy", StringComparison.Ordinal)).Value).Keys.Count(k => k.StartsWith(PublishedTags.Prefix, StringComparison.Ordinal)));
    }

    private static double WindowSeconds(JsonObject alarm)
    {
        var periods = (alarm["Metrics"] as JsonArray ?? [])
            .Select(m => m?["MetricStat"]?["Period"] ?? m?["Period"])
            .Append(alarm["Period"])
            .OfType<JsonNode>()
            .Select(p => p.GetValue<double>());
        return alarm["EvaluationPeriods"]!.GetValue<double>() * periods.Max();
    }

    private static Dictionary<string, string> DeployTags(TemplateJson template) =>
        Tags(template.Resources("AWS::StepFunctions::StateMachine").Single(m => m.Key.StartsWith("PipelineDeploy", StringComparison.Ordinal)).Value);

    private static Dictionary<string, string> Tags(JsonObject machine) =>
        (machine["Properties"]!["Tags"] as JsonArray ?? []).ToDictionary(t => t!["Key"]!.GetValue<string>(), t => t!["Value"]!.GetValue<string>());

    private static string Seconds(JsonObject states, string state) => states[state]!["Seconds"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture);

    private static string Whole(double seconds) => seconds.ToString("0", CultureInfo.InvariantCulture);
}
