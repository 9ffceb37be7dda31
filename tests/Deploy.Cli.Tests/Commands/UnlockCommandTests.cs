using System.Text.Json.Nodes;
using Deploy.Cli.Tests.TestSupport;
using Deploy.StepFunctions;

namespace Deploy.Cli.Tests.Commands;

/// <summary>What <c>unlock</c> prints and exits with for each way an Unlock execution ends.</summary>
public class UnlockCommandTests
{
    private const string Holder = "arn:aws:states:us-east-1:123456789012:execution:webapp-staging-deploy:v1-2-3-abc";
    private const string UnlockArn = "arn:aws:states:us-east-1:123456789012:execution:webapp-staging-unlock:5f0c";

    private static readonly string[] Machines = ["webapp-staging-deploy", "webapp-staging-rollback", "webapp-staging-health-probe", "webapp-staging-unlock"];

    private static DescribeExecutionResult Ended(ExecutionStatus status, string? output = null, string? error = null, string? cause = null) => new()
    {
        ExecutionArn = UnlockArn,
        StateMachineArn = EndedExecutionClient.Arn("webapp-staging-unlock"),
        Name = "5f0c",
        Status = status,
        Output = output,
        Error = error,
        Cause = cause,
        StartDate = DateTimeOffset.UtcNow.AddSeconds(-3),
        StopDate = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task Unlock_HolderEndedAborted_SaysLockReleasedNamingTheHolderAndHowItEnded()
    {
        var client = new EndedExecutionClient(Ended(ExecutionStatus.Succeeded, $$"""{"outcome":"Released","holder":"{{Holder}}","holderStatus":"ABORTED"}"""), Machines);

        var (code, output, error) = await CliRunner.Run(client, "unlock", "--env", "staging", "--reason", "  left after RecoveryFailed  ");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.StartsWith($"Lock released (held by {Holder}, which ended ABORTED).", output, StringComparison.Ordinal);
        var (machine, input) = Assert.Single(client.Started);
        Assert.Equal(EndedExecutionClient.Arn("webapp-staging-unlock"), machine);
        Assert.Equal("left after RecoveryFailed", JsonNode.Parse(input!)!["reason"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(JsonNode.Parse(input!)!["requestedBy"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Unlock_OutputJson_HasTheOutcomeHolderAndItsStatus()
    {
        var client = new EndedExecutionClient(Ended(ExecutionStatus.Succeeded, $$"""{"outcome":"Released","holder":"{{Holder}}","holderStatus":"FAILED"}"""), Machines);

        var (code, output, _) = await CliRunner.Run(client, "--output", "json", "unlock", "--env", "staging", "--reason", "r");

        var result = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(0, code);
        Assert.Equal(UnlockArn, result["executionArn"]!.GetValue<string>());
        Assert.Equal("SUCCEEDED", result["status"]!.GetValue<string>());
        Assert.Equal("Released", result["outcome"]!.GetValue<string>());
        Assert.Equal(Holder, result["holder"]!.GetValue<string>());
        Assert.Equal("FAILED", result["holderStatus"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Deploy.LockHolderRunning", "The lock of webapp/staging is held by " + Holder + ", which is RUNNING: it is not stuck.")]
    [InlineData("Deploy.LockHolderChanged", "The lock of webapp/staging changed hands while unlocking: it is now held by arn:aws:states:us-east-1:123456789012:execution:webapp-staging-recovery:r1, not by " + Holder + " (which is ABORTED).")]
    public async Task Unlock_Refused_PrintsTheCauseNamingTheHolderAndExits3(string refusal, string cause)
    {
        var client = new EndedExecutionClient(Ended(ExecutionStatus.Failed, error: refusal, cause: cause), Machines);

        var (code, output, error) = await CliRunner.Run(client, "unlock", "--env", "staging", "--reason", "r");

        Assert.Equal(3, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"error: Unlock refused ({refusal}): {cause}", error.Trim());
    }

    [Fact]
    public async Task Unlock_ExecutionFailedOtherwise_SaysUnlockFailedAndExits3()
    {
        var client = new EndedExecutionClient(Ended(ExecutionStatus.Failed, error: "Sfn.SfnException", cause: "Rate exceeded"), Machines);

        var (code, _, error) = await CliRunner.Run(client, "unlock", "--env", "staging", "--reason", "r");

        Assert.Equal(3, code);
        Assert.Equal("error: Unlock failed (Sfn.SfnException): Rate exceeded. Run unlock again to see whether the lock is still held.", error.Trim());
    }

    [Fact]
    public async Task Unlock_StackWithoutAnUnlockStateMachine_SaysSoAndStartsNothing()
    {
        var client = new EndedExecutionClient(Ended(ExecutionStatus.Succeeded), Machines[..3]);

        var (code, _, error) = await CliRunner.Run(client, "unlock", "--env", "staging", "--reason", "r");

        Assert.Equal(2, code);
        Assert.Equal("error: webapp/staging has no Unlock state machine (webapp-staging-unlock): deploy the stack with a version of the constructs that has it.", error.Trim());
        Assert.Empty(client.Started);
    }
}
