using Deploy.Contracts;
using static Deploy.LaunchTemplateRevert.Tests.RevertInputs;

namespace Deploy.LaunchTemplateRevert.Tests;

public partial class RevertPlannerTests
{
    private const string RevertTo5 = "revert to version 5 with min 0, max 4, desired 0.";

    public static TheoryData<string, string, RevertAction, string> Decisions => new()
    {
        // group, record, action, reason
        { Group(), Record5, RevertAction.Revert,
            $"Auto Scaling group \"web-blue\" uses launch template lt-0123 version 7 with min 2, max 4, desired 2; {RevertTo5}" },
        { Group(Template("5"), 0, 4, 0), Record5, RevertAction.NothingToDo,
            "Auto Scaling group \"web-blue\" already uses launch template lt-0123 version 5 with min 0, max 4, desired 0." },
        { Group(Template("5"), 0, 4, 0), Record("5"), RevertAction.NothingToDo,
            "Auto Scaling group \"web-blue\" already uses launch template lt-0123 version 5 with min 0, max 4, desired 0." },
        { Group(Template("7"), 0, 4, 0), Record5, RevertAction.Revert,
            $"Auto Scaling group \"web-blue\" uses launch template lt-0123 version 7 with min 0, max 4, desired 0; {RevertTo5}" },
        { Group(Template("5"), 1, 4, 0), Record5, RevertAction.Revert,
            $"Auto Scaling group \"web-blue\" uses launch template lt-0123 version 5 with min 1, max 4, desired 0; {RevertTo5}" },
        { Group(Template("5"), 0, 5, 0), Record5, RevertAction.Revert,
            $"Auto Scaling group \"web-blue\" uses launch template lt-0123 version 5 with min 0, max 5, desired 0; {RevertTo5}" },
        { Group(Template("5"), 0, 4, 1), Record5, RevertAction.Revert,
            $"Auto Scaling group \"web-blue\" uses launch template lt-0123 version 5 with min 0, max 4, desired 1; {RevertTo5}" },
        { Group(Template("$Latest"), 0, 4, 0), Record5, RevertAction.Revert,
            $"Auto Scaling group \"web-blue\" uses launch template lt-0123 version $Latest with min 0, max 4, desired 0; {RevertTo5}" },
        { Group(Template("$Default"), 0, 4, 0), Record5, RevertAction.Revert,
            $"Auto Scaling group \"web-blue\" uses launch template lt-0123 version $Default with min 0, max 4, desired 0; {RevertTo5}" },
        { Group("'LaunchTemplate':{'LaunchTemplateId':'lt-0123'}", 0, 4, 0), Record5, RevertAction.Revert,
            $"Auto Scaling group \"web-blue\" uses launch template lt-0123 version (none) with min 0, max 4, desired 0; {RevertTo5}" },
        { Group(Template("12"), 3, 6, 3), Record("12", 3, 6, 3), RevertAction.NothingToDo,
            "Auto Scaling group \"web-blue\" already uses launch template lt-0123 version 12 with min 3, max 6, desired 3." },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Plan_GroupAndRecord_DecidesAction(string group, string record, RevertAction action, string reason)
    {
        // Act
        var decision = RevertPlanner.Plan(Input(group, record));

        // Assert
        Assert.Null(decision.Error);
        Assert.Equal(action, decision.Action);
        Assert.Equal(reason, decision.Reason);
        Assert.Equal(action == RevertAction.Revert, decision.Request is not null);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("$Latest")]
    [InlineData("$Default")]
    public void Plan_Revert_RequestPinsRecordedNumberedVersionAndCapacity(string currentVersion)
    {
        // Act
        var decision = RevertPlanner.Plan(Input(Group(Template(currentVersion)), Record("5", 1, 4, 2)));

        // Assert
        var expected = new UpdateAutoScalingGroupRequest
        {
            AutoScalingGroupName = "web-blue",
            LaunchTemplate = new LaunchTemplateSpecification { LaunchTemplateId = "lt-0123", Version = "5" },
            MinSize = 1,
            MaxSize = 4,
            DesiredCapacity = 2,
        };
        Assert.Equal(expected, decision.Request);
    }

    [Fact]
    public void Plan_GroupAmongOthers_UsesTheRecordedOne()
    {
        // Arrange
        var group = "{'AutoScalingGroups':[{'AutoScalingGroupName':'web-green','LaunchTemplate':{'LaunchTemplateId':'lt-0999','Version':'1'},'MinSize':9,'MaxSize':9,'DesiredCapacity':9},"
            + "{'AutoScalingGroupName':'web-blue','LaunchTemplate':{'LaunchTemplateId':'lt-0123','Version':'5'},'MinSize':0,'MaxSize':4,'DesiredCapacity':0}]}";

        // Act
        var decision = RevertPlanner.Plan(Input(group, Record5));

        // Assert
        Assert.Null(decision.Error);
        Assert.Equal(RevertAction.NothingToDo, decision.Action);
    }
}
