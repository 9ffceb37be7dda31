using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests;

/// <summary>
/// The logical ids of the resources whose identity is an operational contract. CloudFormation knows a resource by its
/// logical id (derived from the construct ids on its path): a changed id makes an update create a new resource and
/// delete the old one. A construct id on these paths must not change (each carries a comment saying so); when one has
/// to, the change needs a migration, and this snapshot is where it shows.
/// </summary>
public class LogicalIdSnapshotTests
{
    public static TheoryData<string, string, string> Contract() => new()
    {
        // A new rule is created at blue 100 % / green 0 % before the old one is deleted: traffic moves to blue whatever is live.
        { "Custom::WeightedListenerRule", "FleetWeightedRuleFDBAC33E", "the weighted rule" },
        // A new target group has no registered targets, and the rule's weights name the old one.
        { "AWS::ElasticLoadBalancingV2::TargetGroup", "FleetBlueTargetGroupA823C3E0", "blue's target group" },
        { "AWS::ElasticLoadBalancingV2::TargetGroup", "FleetGreenTargetGroup7E271957", "green's target group" },
        // A replaced group launches new instances from the template's version and terminates the live color's instances.
        { "AWS::AutoScaling::AutoScalingGroup", "FleetBlueGroupASGB663619B", "blue's Auto Scaling group" },
        { "AWS::AutoScaling::AutoScalingGroup", "FleetGreenGroupASG5A037693", "green's Auto Scaling group" },
        // The table is retained: a new id makes a new, empty table (no lock, no record of the live color) and orphans the old one.
        { "AWS::DynamoDB::Table", "PipelineTable0C1A5F45", "the lock and record table" },
        // The machines have explicit names: a replacement fails on the name (or, renamed, loses every execution's history,
        // the CLI's way to find them and the recovery rule's pattern).
        { "AWS::StepFunctions::StateMachine", "PipelineDeployAD96A9BD", "the Deploy state machine" },
        { "AWS::StepFunctions::StateMachine", "PipelineRollback51ADB072", "the Rollback state machine" },
        { "AWS::StepFunctions::StateMachine", "PipelineHealthProbeFA8BCDE7", "the HealthProbe state machine" },
        { "AWS::StepFunctions::StateMachine", "PipelineRecoveryCDE87E15", "the Recovery state machine" },
        { "AWS::StepFunctions::StateMachine", "PipelineUnlockE866F569", "the Unlock state machine" },
    };

    [Theory]
    [MemberData(nameof(Contract))]
    public void Template_OperationalResource_KeepsItsLogicalId(string type, string logicalId, string what)
    {
        var ids = TestStacks.DefaultTemplate.Resources(type).Select(r => r.Key).ToList();

        Assert.True(ids.Contains(logicalId, StringComparer.Ordinal), $"{what} ({type}) is no longer {logicalId}; ids of that type now: {string.Join(", ", ids)}");
    }

    [Theory]
    [InlineData("Custom::WeightedListenerRule")]
    [InlineData("AWS::ElasticLoadBalancingV2::TargetGroup")]
    [InlineData("AWS::AutoScaling::AutoScalingGroup")]
    [InlineData("AWS::DynamoDB::Table")]
    [InlineData("AWS::StepFunctions::StateMachine")]
    public void Template_ContractTypes_HaveNoResourceOutsideTheSnapshot(string type)
    {
        var expected = Contract().Select(row => ((string)row[0], (string)row[1])).Where(r => r.Item1 == type).Select(r => r.Item2);

        var actual = TestStacks.DefaultTemplate.Resources(type).Select(r => r.Key);

        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }
}
