using System.Text.Json.Nodes;
using static Deploy.UpdateGuard.Tests.GuardRequests;

namespace Deploy.UpdateGuard.Tests;

public class UpdateGuardRulesTests
{
    private static readonly JsonObject Advice = new()
    {
        ["WeightedRule.LogicalId"] = "Keep the rule's logical id.",
        ["BlueGroup.LaunchTemplate"] = "Deploy the version with the pipeline.",
    };

    private static JsonObject Fields(string ruleId = "FleetWeightedRuleFDBAC33E", string version = "1") => new()
    {
        ["WeightedRule.LogicalId"] = ruleId,
        ["BlueGroup.LaunchTemplate"] = new JsonObject { ["LaunchTemplateId"] = "lt-0123", ["Version"] = version },
    };

    [Fact]
    public void Decide_Create_SucceedsWithTheLogicalIdAsPhysicalId()
    {
        var response = UpdateGuardRules.Decide(Request("Create", Properties("webapp-staging/Fleet", Fields())));

        Assert.Equal(("SUCCESS", "OK", "FleetUpdateGuard1A2B3C"), (response.Status, response.Reason, response.PhysicalResourceId));
        Assert.Equal(("arn:aws:cloudformation:us-east-1:123456789012:stack/shop/0f9c", "b7e0c0de-0000-4000-8000-000000000001", "FleetUpdateGuard1A2B3C"),
            (response.StackId, response.RequestId, response.LogicalResourceId));
    }

    [Fact]
    public void Decide_DeleteWithChangedFields_Succeeds()
    {
        var response = UpdateGuardRules.Decide(Request("Delete", Properties("webapp-staging/Fleet", Fields(ruleId: "Other"))));

        Assert.Equal("SUCCESS", response.Status);
    }

    [Fact]
    public void Decide_UpdateWithSameFieldsAndOtherAdvice_Succeeds()
    {
        var old = Properties("webapp-staging/Fleet", Fields(), new JsonObject { ["WeightedRule.LogicalId"] = "older text" });

        var response = UpdateGuardRules.Decide(Request("Update", Properties("webapp-staging/Fleet", Fields(), Advice), old));

        Assert.Equal(("SUCCESS", "FleetUpdateGuard1A2B3C"), (response.Status, response.PhysicalResourceId));
    }

    [Fact]
    public void Decide_UpdateChangingTwoFields_FailsNamingEachWithItsAdvice()
    {
        var old = Properties("webapp-staging/Fleet", Fields());

        var response = UpdateGuardRules.Decide(Request("Update", Properties("webapp-staging/Fleet", Fields("FleetRuleRenamed", "7"), Advice), old));

        Assert.Equal("FAILED", response.Status);
        Assert.Equal(
            "webapp-staging/Fleet refused this stack update, which CloudFormation rolls back: "
            + "WeightedRule.LogicalId would change from \"FleetWeightedRuleFDBAC33E\" to \"FleetRuleRenamed\". Keep the rule's logical id. "
            + "BlueGroup.LaunchTemplate would change from {\"LaunchTemplateId\":\"lt-0123\",\"Version\":\"1\"} to {\"LaunchTemplateId\":\"lt-0123\",\"Version\":\"7\"}. "
            + "Deploy the version with the pipeline.",
            response.Reason);
        Assert.Equal("FleetUpdateGuard1A2B3C", response.PhysicalResourceId);
    }

    [Fact]
    public void Decide_UpdateAddingAField_AcceptsTheNewFieldAsItIs()
    {
        var old = Properties("webapp-staging/Fleet", new JsonObject { ["WeightedRule.LogicalId"] = "FleetWeightedRuleFDBAC33E" });

        var response = UpdateGuardRules.Decide(Request("Update", Properties("webapp-staging/Fleet", Fields()), old));

        Assert.Equal("SUCCESS", response.Status);
    }

    [Fact]
    public void Decide_UpdateRemovingAField_Succeeds()
    {
        var old = Properties("webapp-staging/Fleet", Fields());

        var response = UpdateGuardRules.Decide(Request("Update", Properties("webapp-staging/Fleet", new JsonObject { ["WeightedRule.LogicalId"] = "FleetWeightedRuleFDBAC33E" }), old));

        Assert.Equal("SUCCESS", response.Status);
    }

    [Fact]
    public void Decide_UpdateWithoutAdviceOrSubject_NamesTheLogicalIdAndTheChange()
    {
        var old = new JsonObject { ["Fields"] = new JsonObject { ["A"] = "1" } };

        var response = UpdateGuardRules.Decide(Request("Update", new JsonObject { ["Fields"] = new JsonObject { ["A"] = "2" } }, old));

        Assert.Equal("FleetUpdateGuard1A2B3C refused this stack update, which CloudFormation rolls back: A would change from \"1\" to \"2\".", response.Reason);
    }

    [Fact]
    public void Decide_UpdateWithHugeValues_ShortensValuesAndReason()
    {
        var big = new string('x', 5000);
        var fields = Enumerable.Range(0, 30).Aggregate(new JsonObject(), (o, i) => { o[$"F{i}"] = big; return o; });
        var changed = Enumerable.Range(0, 30).Aggregate(new JsonObject(), (o, i) => { o[$"F{i}"] = big + "y"; return o; });

        var response = UpdateGuardRules.Decide(Request("Update", Properties("s", changed), Properties("s", fields)));

        Assert.Equal(UpdateGuardRules.MaxReasonLength, response.Reason.Length);
        Assert.EndsWith("…", response.Reason, StringComparison.Ordinal);
        Assert.Contains($"F0 would change from \"{new string('x', UpdateGuardRules.MaxValueLength - 2)}…", response.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_UnknownRequestType_Fails()
    {
        var response = UpdateGuardRules.Decide(Request("Replace", Properties("s", Fields())));

        Assert.Equal(("FAILED", "Unknown request type \"Replace\"; CloudFormation sends Create, Update or Delete."), (response.Status, response.Reason));
    }

    [Fact]
    public void ChangedFields_NestedObjectsWithSameMembers_Unchanged()
    {
        var old = Properties("s", new JsonObject { ["G"] = new JsonObject { ["A"] = "1", ["B"] = new JsonArray("x", "y") } });
        var current = Properties("s", new JsonObject { ["G"] = new JsonObject { ["B"] = new JsonArray("x", "y"), ["A"] = "1" } });
        var reordered = Properties("s", new JsonObject { ["G"] = new JsonObject { ["A"] = "1", ["B"] = new JsonArray("y", "x") } });

        Assert.Empty(UpdateGuardRules.ChangedFields(old, current));
        Assert.Equal(["G"], UpdateGuardRules.ChangedFields(old, reordered));
    }
}
