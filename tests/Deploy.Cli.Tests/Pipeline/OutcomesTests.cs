using Deploy.Cli;
using Deploy.Cli.Pipeline;
using Xunit;

namespace Deploy.Cli.Tests.Pipeline;

public class OutcomesTests
{
    private static ExecutionView Failed(string error, string? cause = null) =>
        new("arn:aws:states:eu-west-1:1:execution:webapp-prod-deploy:d", "d", "FAILED", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, Error: error, Cause: cause);

    [Theory]
    [InlineData("Deploy.InvalidRequest")]
    [InlineData("Deploy.DeploymentInProgress")]
    [InlineData("Deploy.SplitTraffic")]
    [InlineData("Deploy.TrafficOnUnverifiedColor")]
    public void Of_ADeploymentThatChangedNothing_IsRefusedAndExits3(string error)
    {
        Assert.Equal("Refused", Outcomes.Of(Failed(error)));
        Assert.Equal(ExitCode.DeploymentFailed, Outcomes.ExitCodeOf(Failed(error)));
    }

    [Fact]
    public void Of_ARollbackCausedByARejectedApproval_IsApprovalRejected()
    {
        Assert.Equal("ApprovalRejected", Outcomes.Of(Failed("Deploy.RolledBack", "{\"reason\":\"Deploy.ApprovalRejected\"}")));
        Assert.Equal("RolledBack", Outcomes.Of(Failed("Deploy.RolledBack", "{\"reason\":\"Deploy.HealthCheckFailed\"}")));
    }
}

public class EnvironmentRecordTests
{
    [Fact]
    public void PreviousLine_WarmPrevious_SaysARollbackCanPutTrafficBackOnIt()
    {
        var record = new EnvironmentRecord(null, "green", "blue", true, null, null);
        Assert.Equal("blue (warm: a rollback can put traffic back on it)", record.PreviousLine("green"));
    }

    [Fact]
    public void PreviousLine_TrafficOnAColorTheRecordDoesNotNameLive_SaysARollbackRestoresTheLiveColorAfterChecking()
    {
        // After a failed rollback: green failed and kept the traffic, blue is still recorded live.
        var record = new EnvironmentRecord(null, "blue", "green", false, null, null);
        var line = record.PreviousLine("green");
        Assert.Contains("traffic is on green", line, StringComparison.Ordinal);
        Assert.Contains("a rollback restores blue once its instances are checked", line, StringComparison.Ordinal);
        Assert.DoesNotContain("nothing to roll back to", line, StringComparison.Ordinal);
    }

    [Fact]
    public void PreviousLine_NotWarmAndTrafficOnTheLiveColor_SaysNothingToRollBackTo()
    {
        var record = new EnvironmentRecord(null, "green", "blue", false, null, null);
        Assert.Equal("blue (not warm: nothing to roll back to)", record.PreviousLine("green"));
        Assert.Equal("none recorded", (record with { PreviousColor = null }).PreviousLine("green"));
    }

    [Fact]
    public void From_ARecordWithoutLiveColor_LeavesItNull()
    {
        var answer = System.Text.Json.Nodes.JsonNode.Parse("""{"Item":{"previousColor":{"S":"blue"},"previousWarm":{"BOOL":false}}}""");
        var record = EnvironmentRecord.From(answer)!;
        Assert.Null(record.LiveColor);
        Assert.Equal("blue (not warm: nothing to roll back to)", record.PreviousLine("blue"));
    }
}
