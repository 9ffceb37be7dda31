using System.Text.Json.Nodes;
using Deploy.Cli.Tests.TestSupport;

namespace Deploy.Cli.Tests;

/// <summary><c>promote</c> against the local engine (demo world: v2.0.0 answers 5XX once it gets traffic, others succeed).</summary>
public class PromoteEndToEndTests(LocalEngineFixture engine) : IClassFixture<LocalEngineFixture>
{
    private const string Image = "ami-0fedcba9876543210";
    private const string Artifact = "s3://releases/shop/v4.0.0.tar.gz";

    [Fact]
    public async Task Promote_VersionThatSucceededInStaging_DeploysTheSameImageAndArtifactToProductionRecordingWhereItComesFrom()
    {
        var (stagingCode, _, _) = await engine.Cli("deploy", "--env", "staging", "--version", "v4.0.0", "--image-id", Image, "--artifact", Artifact, "--wait");
        Assert.Equal(0, stagingCode);
        var verifiedBy = JsonNode.Parse((await engine.Cli("--output", "json", "status", "--env", "staging")).Out)!["executionArn"]!.GetValue<string>();

        var (code, output, error) = await engine.Cli("--output", "json", "promote", "--from", "staging", "--to", "production", "--version", "v4.0.0");

        Assert.True(code == 0, output + error);
        var result = JsonNode.Parse(output)!;
        Assert.True(result["admitted"]!.GetValue<bool>());
        Assert.StartsWith("arn:aws:states:us-east-1:123456789012:execution:webapp-production-deploy:v4-0-0-", result["executionArn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(verifiedBy, result["promotedFrom"]!["executionArn"]!.GetValue<string>());
        Assert.True(result["promotedFrom"]!["verified"]!.GetValue<bool>());
        var request = result["request"]!;
        Assert.Equal(Image, request["imageId"]!.GetValue<string>());
        Assert.Equal(Artifact, request["artifact"]!.GetValue<string>());
        Assert.Null(request["strategy"]);
        Assert.Equal($"Promoted from staging, verified there by {verifiedBy}", request["reason"]!.GetValue<string>());

        // Production waits for its approval as any deployment does; rejected here, it rolls back (exit 5).
        await engine.WaitForApproval(result["executionArn"]!.GetValue<string>());
        Assert.Equal(0, (await engine.Cli("reject", "--env", "production", "--reason", "promotion test over")).Code);
        Assert.Equal(5, await engine.WaitForEnd(result["executionArn"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Promote_VersionThatFailedInStaging_IsRefusedUnlessForcedWithAReasonWhichIsRecorded()
    {
        var (failedCode, _, _) = await engine.Cli("deploy", "--env", "staging", "--version", "v2.0.0", "--image-id", Image, "--wait");
        Assert.Equal(4, failedCode);

        var (code, output, error) = await engine.Cli("promote", "--from", "staging", "--to", "production", "--version", "v2.0.0");
        var (noReasonCode, _, noReason) = await engine.Cli("promote", "--from", "staging", "--to", "production", "--version", "v2.0.0", "--force");
        var (neverCode, _, never) = await engine.Cli("promote", "--from", "staging", "--to", "production", "--version", "v9.9.9", "--force", "--reason", "hotfix");
        var (sameCode, _, same) = await engine.Cli("promote", "--from", "staging", "--to", "staging", "--version", "v2.0.0");

        Assert.True(code == 2, output + error);
        Assert.StartsWith("error: Not promoted: v2.0.0 is not verified in staging: no deployment of v2.0.0 succeeded in staging; the latest, v2-0-0-", error, StringComparison.Ordinal);
        Assert.Contains("ended Aborted (Deploy.RollbackRequested)", error, StringComparison.Ordinal);
        Assert.Equal(2, noReasonCode);
        Assert.Contains("--force needs --reason", noReason, StringComparison.Ordinal);
        Assert.Equal(2, neverCode);
        Assert.Contains("v9.9.9 was never deployed to staging", never, StringComparison.Ordinal);
        Assert.Equal(2, sameCode);
        Assert.Contains("--from and --to are both \"staging\"", same, StringComparison.Ordinal);
        // Nothing was started in production by the refusals.
        Assert.DoesNotContain("v2-0-0-", (await engine.Cli("history", "--env", "production")).Out, StringComparison.Ordinal);

        var (forcedCode, forcedOutput, forcedError) = await engine.Cli("--output", "json", "promote", "--from", "staging", "--to", "production", "--version", "v2.0.0",
            "--force", "--reason", "the 5XX is a staging-only dependency");

        Assert.True(forcedCode == 0, forcedOutput + forcedError);
        var forced = JsonNode.Parse(forcedOutput)!;
        Assert.False(forced["promotedFrom"]!["verified"]!.GetValue<bool>());
        Assert.StartsWith("Promoted from staging with --force, NOT verified there (no deployment of v2.0.0 succeeded in staging", forced["request"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("): the 5XX is a staging-only dependency", forced["request"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        await engine.WaitForApproval(forced["executionArn"]!.GetValue<string>());
        Assert.Equal(0, (await engine.Cli("reject", "--env", "production", "--reason", "promotion test over")).Code);
        Assert.Equal(5, await engine.WaitForEnd(forced["executionArn"]!.GetValue<string>()));
    }
}
