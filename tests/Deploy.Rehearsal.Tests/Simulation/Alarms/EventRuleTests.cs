using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation.Alarms;

namespace Deploy.Rehearsal.Tests.Simulation.Alarms;

public class EventRuleTests
{
    private static JsonObject Event(string state, string resource = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:Composite") => new()
    {
        ["detail-type"] = "CloudWatch Alarm State Change",
        ["source"] = "aws.cloudwatch",
        ["time"] = "2026-01-01T00:08:00Z",
        ["resources"] = new JsonArray(resource),
        ["detail"] = new JsonObject
        {
            ["alarmName"] = "webapp-staging-green-rollback",
            ["state"] = new JsonObject { ["value"] = state, ["reason"] = "arn:x transitioned to \"ALARM\" at Thursday" },
        },
    };

    private static readonly JsonObject Pattern = JsonNode.Parse("""
        {"detail":{"state":{"value":["ALARM"]}},"detail-type":["CloudWatch Alarm State Change"],
         "resources":["arn:aws:cloudwatch:us-east-1:123456789012:alarm:Composite"],"source":["aws.cloudwatch"]}
        """)!.AsObject();

    [Theory]
    [InlineData("ALARM", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:Composite", true)]
    [InlineData("OK", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:Composite", false)]
    [InlineData("ALARM", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:Target5xx", false)]
    public void Matches_TheTemplatesAlarmRulePattern_OnlyTheCompositeEnteringAlarm(string state, string resource, bool expected)
    {
        // Act
        var matches = EventPattern.Matches(Pattern, Event(state, resource));

        // Assert
        Assert.Equal(expected, matches);
    }

    [Fact]
    public void Matches_ContentFilter_RefusedAsNotSimulated()
    {
        // Arrange
        var pattern = JsonNode.Parse("""{"source":[{"prefix":"aws."}]}""")!.AsObject();

        // Act
        var error = Assert.Throws<NotSupportedException>(() => EventPattern.Matches(pattern, Event("ALARM")));

        // Assert
        Assert.Equal("Event pattern field 'source': content filters ([{\"prefix\":\"aws.\"}]) are not simulated; only exact values are.", error.Message);
    }

    [Fact]
    public void InputFor_TheTemplatesInputTransformer_TheRollbackInput()
    {
        // Arrange: the target as CDK's RuleTargetInput.fromObject with EventField paths synthesizes it.
        var target = new EventRuleTarget
        {
            Id = "Target0",
            Arn = "arn:aws:states:us-east-1:123456789012:stateMachine:Rollback",
            InputPathsMap = new Dictionary<string, string>
            {
                ["detail-alarmName"] = "$.detail.alarmName",
                ["detail-state-reason"] = "$.detail.state.reason",
                ["time"] = "$.time",
            },
            InputTemplate = "{\"trigger\":\"alarm\",\"alarmName\":<detail-alarmName>,\"reason\":<detail-state-reason>,\"detectedAt\":<time>}",
        };

        // Act
        var input = target.InputFor(Event("ALARM"));

        // Assert
        Assert.Equal("""{"trigger":"alarm","alarmName":"webapp-staging-green-rollback","reason":"arn:x transitioned to \u0022ALARM\u0022 at Thursday","detectedAt":"2026-01-01T00:08:00Z"}""", input!.ToJsonString());
    }

    [Fact]
    public void InputFor_PlaceholderInsideAString_TheTextWithoutQuotes()
    {
        // Arrange
        var target = new EventRuleTarget
        {
            Id = "T",
            Arn = "arn",
            InputPathsMap = new Dictionary<string, string> { ["name"] = "$.detail.alarmName" },
            InputTemplate = "{\"message\":\"alarm <name> fired\"}",
        };

        // Act
        var input = target.InputFor(Event("ALARM"));

        // Assert
        Assert.Equal("alarm webapp-staging-green-rollback fired", input!["message"]!.GetValue<string>());
    }

    [Fact]
    public void InputFor_NoInputSettings_TheWholeEvent()
    {
        // Act
        var input = new EventRuleTarget { Id = "T", Arn = "arn" }.InputFor(Event("ALARM"));

        // Assert
        Assert.Equal("webapp-staging-green-rollback", input!["detail"]!["alarmName"]!.GetValue<string>());
    }
}
