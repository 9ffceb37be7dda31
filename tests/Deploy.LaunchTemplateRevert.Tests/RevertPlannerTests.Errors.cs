using Deploy.Contracts;
using static Deploy.LaunchTemplateRevert.Tests.RevertInputs;

namespace Deploy.LaunchTemplateRevert.Tests;

/// <summary>Inputs that cannot be decided: Deploy.MalformedInput and Deploy.RevertConflict.</summary>
public partial class RevertPlannerTests
{
    private const string UseGroup = "use the DescribeAutoScalingGroups response for the recorded group";
    private const string UseVersion =
        "use a positive integer launch-template version as a JSON string or number, never $Latest or $Default";
    private const string UseSize = "use a whole number of 0 or more";
    private const string Changed =
        "recorded by the deployment; it was changed outside the pipeline, so it is not reverted automatically.";

    public static TheoryData<string?, string?, string[]> MalformedInputs => new()
    {
        // group, record, field messages
        { null, Record5, [$"group: is required; {UseGroup}"] },
        { "{}", Record5, [$"group.AutoScalingGroups: is required; {UseGroup}"] },
        { "{'AutoScalingGroups':[]}", Record5,
            [$"group.AutoScalingGroups: does not contain the recorded group \"web-blue\" (it describes no groups); {UseGroup}"] },
        { Group(name: "web-green"), Record5,
            [$"group.AutoScalingGroups: does not contain the recorded group \"web-blue\" (it describes \"web-green\"); {UseGroup}"] },
        { Group(), null,
            ["record: is required; use the deployment record's groupName, launchTemplateId, previousLaunchTemplateVersion and previousCapacity"] },
        { Group(), "{'launchTemplateId':'lt-0123','previousLaunchTemplateVersion':5,'previousCapacity':{'minSize':0,'maxSize':4,'desiredCapacity':0}}",
            ["record.groupName: is required; use the Auto Scaling group's name"] },
        { Group(), "{'groupName':'web-blue','launchTemplateId':'','previousLaunchTemplateVersion':5,'previousCapacity':{'minSize':0,'maxSize':4,'desiredCapacity':0}}",
            ["record.launchTemplateId: is required; use the launch template id, e.g. lt-0123456789abcdef0"] },
        { Group(), Record("null"), [$"record.previousLaunchTemplateVersion: is required; {UseVersion}"] },
        { Group(), Record("'$Latest'"), [$"record.previousLaunchTemplateVersion: \"$Latest\" is invalid; {UseVersion}"] },
        { Group(), Record("'$Default'"), [$"record.previousLaunchTemplateVersion: \"$Default\" is invalid; {UseVersion}"] },
        { Group(), Record("'0'"), [$"record.previousLaunchTemplateVersion: \"0\" is invalid; {UseVersion}"] },
        { Group(), Record("0"), [$"record.previousLaunchTemplateVersion: number 0 is invalid; {UseVersion}"] },
        { Group(), Record("-2"), [$"record.previousLaunchTemplateVersion: number -2 is invalid; {UseVersion}"] },
        { Group(), Record("'-2'"), [$"record.previousLaunchTemplateVersion: \"-2\" is invalid; {UseVersion}"] },
        { Group(), Record("5.5"), [$"record.previousLaunchTemplateVersion: number 5.5 is invalid; {UseVersion}"] },
        { Group(), Record("'5.0'"), [$"record.previousLaunchTemplateVersion: \"5.0\" is invalid; {UseVersion}"] },
        { Group(), Record("'v5'"), [$"record.previousLaunchTemplateVersion: \"v5\" is invalid; {UseVersion}"] },
        { Group(), Record("true"), [$"record.previousLaunchTemplateVersion: boolean true is invalid; {UseVersion}"] },
        { Group(), "{'groupName':'web-blue','launchTemplateId':'lt-0123','previousLaunchTemplateVersion':5}",
            ["record.previousCapacity: is required; use an object with minSize, maxSize and desiredCapacity"] },
        { Group(), "{'groupName':'web-blue','launchTemplateId':'lt-0123','previousLaunchTemplateVersion':5,'previousCapacity':{'maxSize':4}}",
            [$"record.previousCapacity.minSize: is required; {UseSize}", $"record.previousCapacity.desiredCapacity: is required; {UseSize}"] },
        { Group(), Record("5", min: -1), [$"record.previousCapacity.minSize: number -1 is invalid; {UseSize}"] },
        { Group(), Record("5", min: 3, max: 2, desired: 2), ["record.previousCapacity.maxSize: number 2 is invalid; use a whole number of at least minSize (3)"] },
        { Group(), Record("5", min: 1, max: 4, desired: 5),
            ["record.previousCapacity.desiredCapacity: number 5 is invalid; use a whole number from minSize (1) to maxSize (4)"] },
        { "{'AutoScalingGroups':[{'AutoScalingGroupName':'web-blue','LaunchTemplate':{'LaunchTemplateId':'lt-0123','Version':'5'},'MaxSize':4}]}", Record5,
            [
                "group.AutoScalingGroups[0].MinSize: is required; use the group description as DescribeAutoScalingGroups returns it",
                "group.AutoScalingGroups[0].DesiredCapacity: is required; use the group description as DescribeAutoScalingGroups returns it",
            ] },
        { "{}", Record("'$Latest'"), [$"group.AutoScalingGroups: is required; {UseGroup}", $"record.previousLaunchTemplateVersion: \"$Latest\" is invalid; {UseVersion}"] },
    };

    public static TheoryData<string, string> Conflicts => new()
    {
        // group launch settings, cause
        { "'LaunchTemplate':{'LaunchTemplateId':'lt-0999','LaunchTemplateName':'other','Version':'5'}",
            $"Auto Scaling group \"web-blue\" uses launch template lt-0999 instead of launch template lt-0123 {Changed}" },
        { "'MixedInstancesPolicy':{'LaunchTemplate':{'LaunchTemplateSpecification':{'LaunchTemplateId':'lt-0123','Version':'5'},'Overrides':[]}}",
            $"Auto Scaling group \"web-blue\" uses a mixed instances policy (launch template lt-0123) instead of launch template lt-0123 {Changed}" },
        { "'LaunchConfigurationName':'web-lc'",
            $"Auto Scaling group \"web-blue\" uses launch configuration \"web-lc\" instead of launch template lt-0123 {Changed}" },
        { "'Tags':[]", $"Auto Scaling group \"web-blue\" uses no launch template instead of launch template lt-0123 {Changed}" },
    };

    [Theory]
    [MemberData(nameof(MalformedInputs))]
    public void Plan_MalformedInput_ReturnsMalformedInputWithEveryField(string? group, string? record, string[] messages)
    {
        // Act
        var decision = RevertPlanner.Plan(Input(group, record));

        // Assert
        var error = Assert.IsType<DeployError>(decision.Error);
        Assert.Equal(DeployErrors.MalformedInput, error.Name);
        Assert.Equal(messages, error.Fields.Select(f => f.Message));
        Assert.Equal($"The LaunchTemplateRevert input is invalid: {string.Join("; ", messages)}", error.Cause);
        Assert.Equal(RevertAction.NothingToDo, decision.Action);
        Assert.Equal(error.Cause, decision.Reason);
        Assert.Null(decision.Request);
    }

    [Theory]
    [MemberData(nameof(Conflicts))]
    public void Plan_GroupChangedOutsidePipeline_ReturnsRevertConflictNamingBoth(string launch, string cause)
    {
        // Act
        var decision = RevertPlanner.Plan(Input(Group(launch), Record5));

        // Assert
        var error = Assert.IsType<DeployError>(decision.Error);
        Assert.Equal(DeployErrors.RevertConflict, error.Name);
        Assert.Equal(cause, error.Cause);
        Assert.Empty(error.Fields);
        Assert.Equal(RevertAction.NothingToDo, decision.Action);
        Assert.Equal(cause, decision.Reason);
        Assert.Null(decision.Request);
    }
}
