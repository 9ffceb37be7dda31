using System.Text.Json.Nodes;
using Deploy.Cli.Tests.TestSupport;

namespace Deploy.Cli.Tests;

/// <summary><c>unlock</c> against the local engine, whose environments start with a lock nobody will release.</summary>
public class UnlockEndToEndTests(StuckLockEngineFixture engine) : IClassFixture<StuckLockEngineFixture>
{
    [Fact]
    public async Task Unlock_HolderStepFunctionsDoesNotKnow_ReleasesItThenFindsNothingToUnlock()
    {
        var (code, output, error) = await engine.Cli("unlock", "--env", "production", "--reason", "lock written during a repair", "--wait");
        var (againCode, again, againError) = await engine.Cli("--output", "json", "unlock", "--env", "production", "--reason", "checking");

        Assert.True(code == 0, error);
        Assert.StartsWith($"Lock released (held by {StuckLockEngineFixture.Holder}, which does not exist).", output, StringComparison.Ordinal);
        Assert.Equal(2, againCode);
        Assert.Equal("NotLocked", JsonNode.Parse(again)!["outcome"]!.GetValue<string>());
        Assert.Empty(JsonDocumentRules.Check(again, againCode, "unlock"));
        Assert.Equal(CliErrorNames.NothingToDo, JsonNode.Parse(again)!["error"]!["name"]!.GetValue<string>());
        Assert.Equal("error: Nothing to unlock in webapp/production: the lock is free.", againError.Trim());
    }

    [Fact]
    public async Task Unlock_HolderOfAnotherEnvironment_FailsAccessDeniedAndLeavesTheLock()
    {
        var (code, _, error) = await engine.Cli("unlock", "--env", "staging", "--reason", "lock copied from production");
        var (againCode, _, againError) = await engine.Cli("unlock", "--env", "staging", "--reason", "still there?");

        // The staging Unlock role may describe only staging's executions.
        Assert.Equal(3, code);
        Assert.StartsWith("error: Unlock failed (Sfn.SfnException): User: ", error, StringComparison.Ordinal);
        Assert.Contains($"is not authorized to perform: states:DescribeExecution on resource: {StuckLockEngineFixture.Holder}", error, StringComparison.Ordinal);
        // Nothing was released: the next attempt meets the same holder.
        Assert.Equal(3, againCode);
        Assert.Contains($"on resource: {StuckLockEngineFixture.Holder}", againError, StringComparison.Ordinal);
    }
}
