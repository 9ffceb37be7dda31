using System.Text.Json.Nodes;
using Deploy.Cli.Pipeline;

namespace Deploy.Cli.Tests.Pipeline;

public class DefinitionFactsTests
{
    [Fact]
    public void From_PhaseComments_PlaceEveryStateOnlyOnePhaseReachesInIt()
    {
        var definition = JsonNode.Parse("""
            {
              "StartAt": "Route",
              "States": {
                "Route": { "Type": "Pass", "Next": "Grace" },
                "Grace": { "Type": "Wait", "Seconds": 300, "Comment": "[phase:grace] boot", "Next": "Probe" },
                "Probe": { "Type": "Task", "Resource": "x", "Next": "Healthy", "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Mark" }] },
                "Healthy": { "Type": "Choice", "Choices": [{ "Variable": "$.v", "StringEquals": "Healthy", "Next": "Shift" }], "Default": "Probe" },
                "Shift": { "Type": "Pass", "Comment": "[phase:traffic] steps", "Next": "CanaryWait" },
                "CanaryWait": { "Type": "Wait", "Seconds": 60, "Next": "Check" },
                "Check": { "Type": "Task", "Resource": "x", "Next": "Done", "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Mark" }] },
                "Mark": { "Type": "Pass", "Next": "Back" },
                "Back": { "Type": "Pass", "Comment": "[phase:rollback] restore", "End": true },
                "Done": { "Type": "Succeed" }
              }
            }
            """)!.AsObject();

        var facts = DefinitionFacts.From(definition);

        Assert.Equal(new Dictionary<string, string> { ["Grace"] = "grace", ["Shift"] = "traffic", ["Back"] = "rollback" }, facts.PhaseEntries);
        Assert.Equal("grace", facts.PhaseOfState["Probe"]);
        Assert.Equal("grace", facts.PhaseOfState["Healthy"]);
        Assert.Equal("traffic", facts.PhaseOfState["CanaryWait"]);
        Assert.Equal("traffic", facts.PhaseOfState["Done"]);
        // Reached from two phases (a catch of each): no phase of its own; before the first phase: none.
        Assert.False(facts.PhaseOfState.ContainsKey("Mark"));
        Assert.False(facts.PhaseOfState.ContainsKey("Route"));
    }
}
