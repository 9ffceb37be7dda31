using System.Text.Json.Nodes;
using Deploy.Cli.Tests.TestSupport;
using Deploy.Contracts.Pipeline;

namespace Deploy.Cli.Tests;

/// <summary>The CLI as an operator uses it, against the local engine (demo world: v2.0.0 answers 5XX once it gets traffic).</summary>
public class EndToEndTests(LocalEngineFixture engine) : IClassFixture<LocalEngineFixture>
{
    private const string Image = "ami-0123456789abcdef0";

    [Fact]
    public async Task Info_LocalhostEndpoint_ReachesTheEngineListeningOn127001()
    {
        var localhost = engine.Server.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

        var (code, output, error) = await CliRunner.Run(null, "--endpoint-url", localhost, "info", "--env", "staging");

        Assert.True(code == 0, error);
        Assert.StartsWith("webapp/staging", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_HealthyVersionWithWait_SucceedsWithExitCode0()
    {
        var (code, output, error) = await engine.Cli("deploy", "--env", "staging", "--version", "v1.1.0", "--image-id", Image, "--strategy", "AllAtOnce", "--wait");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("Started deployment of v1.1.0 to webapp/staging", output, StringComparison.Ordinal);
        Assert.Contains("Deployment succeeded in", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_VersionFailingAfterTheShift_RollsBackWithExitCode4()
    {
        var (_, info, _) = await engine.Cli("--output", "json", "info", "--env", "staging");
        var live = JsonNode.Parse(info)!["liveColor"]!.GetValue<string>();
        var (code, output, _) = await engine.Cli("deploy", "--env", "staging", "--version", "v2.0.0", "--image-id", Image, "--strategy", "Canary", "--wait");

        // The new color's 5XX alarm fires during the canary bake: its Rollback stops the deployment (ABORTED) and puts
        // traffic back; the Recovery of the stopped deployment scales green in and frees the lock. --wait follows that
        // Recovery and reports its answer, not the bare ABORTED.
        Assert.True(code == 4, output);
        // Without a terminal, one line per change, each naming the phase: the canary step as "traffic 1/2".
        Assert.True(output.Contains("ABORTED   traffic 1/2: ", StringComparison.Ordinal), output);
        Assert.Contains("The deployment ended ABORTED (Deploy.RollbackRequested)", output, StringComparison.Ordinal);
        Assert.True(output.Contains($"Deployment rolled back (Deploy.RollbackRequested): 100% of traffic is on {live}", StringComparison.Ordinal), output);
    }

    [Fact]
    public async Task Deploy_OutputJson_PrintsOneDocumentWithTheOutcome()
    {
        var (code, output, _) = await engine.Cli("--output", "json", "deploy", "--env", "staging", "--version", "v1.1.1", "--image-id", Image, "--strategy", "AllAtOnce", "--wait");

        var result = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(0, code);
        Assert.Equal("SUCCEEDED", result["status"]!.GetValue<string>());
        Assert.Equal("Succeeded", result["outcome"]!.GetValue<string>());
        Assert.StartsWith("arn:aws:states:us-east-1:123456789012:execution:webapp-staging-deploy:v1-1-1-", result["executionArn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(result["durationSeconds"]!.GetValue<double>() > 0);
        Assert.Null(result["executionError"]);
        Assert.False(result.ContainsKey("error"));
    }

    [Fact]
    public async Task ApproveAndReject_ProductionDeployments_ResumeOrRollBack()
    {
        // Approve: the deployment waits at its approval step until the CLI answers with the token from the history.
        var approved = await StartAndAwaitApproval("v3.0.0");
        var (approveCode, approveOut, _) = await engine.Cli("approve", "--env", "production", "--reason", "change 42");
        Assert.Equal(0, approveCode);
        Assert.Contains("Approved", approveOut, StringComparison.Ordinal);
        Assert.Equal(0, await engine.WaitForEnd(approved));

        // Reject: the deployment rolls back with the reason; status then exits 5 (approval rejected).
        var rejected = await StartAndAwaitApproval("v3.0.1");
        var (rejectCode, _, _) = await engine.Cli("reject", "--env", "production", "--reason", "change freeze");
        Assert.Equal(0, rejectCode);
        Assert.Equal(5, await engine.WaitForEnd(rejected));
        var (_, status, _) = await engine.Cli("status", "--execution-arn", rejected);
        Assert.Contains("Deploy.ApprovalRejected (change freeze", status, StringComparison.Ordinal);

        // Who asked, who answered and why: in status (text and JSON) and in history.
        var user = Environment.GetEnvironmentVariable("USER") ?? Environment.UserName;
        Assert.Contains($"  approval: rejected by {user} (change freeze)", status, StringComparison.Ordinal);
        Assert.Contains($"  requested by {user}", status, StringComparison.Ordinal);
        var answered = JsonNode.Parse((await engine.Cli("--output", "json", "status", "--execution-arn", approved)).Out)!["approval"]!;
        Assert.Equal("approved", answered["decision"]!.GetValue<string>());
        Assert.Equal(user, answered["by"]!.GetValue<string>());
        Assert.Equal("change 42", answered["reason"]!.GetValue<string>());
        var (_, history, _) = await engine.Cli("history", "--env", "production");
        Assert.Contains($"by {user}; approved by {user} (change 42)", history, StringComparison.Ordinal);
        Assert.Contains($"by {user}; rejected by {user} (change freeze)", history, StringComparison.Ordinal);

        // Nothing waits any more.
        var (noneCode, _, noneError) = await engine.Cli("approve", "--env", "production");
        Assert.Equal(2, noneCode);
        Assert.Equal("error: Nothing is awaiting approval in webapp/production: no running deployment is waiting at its approval step.", noneError.Trim());
    }

    [Fact]
    public async Task Info_OutputJson_ShowsWeightsLiveColorAndTheFiguresTheStackPublished()
    {
        var (code, output, _) = await engine.Cli("--output", "json", "info", "--env", "staging");

        var info = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(0, code);
        var weights = info["weights"]!.AsObject();
        Assert.Equal(100, weights["blue"]!.GetValue<int>() + weights["green"]!.GetValue<int>());
        Assert.Contains(info["liveColor"]!.GetValue<string>(), new[] { "blue", "green" });
        Assert.EndsWith(":stateMachine:webapp-staging-deploy", info["stateMachines"]!["deploy"]!.GetValue<string>(), StringComparison.Ordinal);
        // What the construct synthesized as the Deploy state machine's tags, shown as published: the CLI computes none of it.
        var published = PublishedTagsOf("webapp-staging");
        Assert.Equal(published[PublishedTags.WorstCaseRollbackSeconds], info["worstCaseTimeToRollback"]!["alarmPathSeconds"]!.ToJsonString());
        Assert.Equal(published[PublishedTags.WorstCaseRollbackDuringBakeSeconds], info["worstCaseTimeToRollback"]!["duringBakeSeconds"]!.ToJsonString());
        Assert.Equal(published[PublishedTags.GracePeriodSeconds], info["configuration"]!["gracePeriodSeconds"]!.ToJsonString());
        Assert.Equal(published[PublishedTags.HealthPollIntervalSeconds], info["configuration"]!["healthPollIntervalSeconds"]!.ToJsonString());
        Assert.Equal(published[PublishedTags.MaxHealthPolls], info["configuration"]!["maxHealthPolls"]!.ToJsonString());
        Assert.Equal(published[PublishedTags.BakeCheckIntervalSeconds], info["configuration"]!["bakeCheckIntervalSeconds"]!.ToJsonString());
        Assert.Equal(published[PublishedTags.ApprovalRequired], info["configuration"]!["approvalRequired"]!.ToJsonString());
    }

    [Fact]
    public async Task Info_Text_ShowsThePublishedFiguresAsStated()
    {
        var (code, output, _) = await engine.Cli("info", "--env", "production");

        var published = PublishedTagsOf("webapp-production");
        Assert.Equal(0, code);
        Assert.Contains($"  grace {published[PublishedTags.GracePeriodSeconds]}s, poll every {published[PublishedTags.HealthPollIntervalSeconds]}s (max {published[PublishedTags.MaxHealthPolls]} polls), bake checks every {published[PublishedTags.BakeCheckIntervalSeconds]}s, approval required\n", output, StringComparison.Ordinal);
        Assert.Contains($"  worst-case time to rollback: {published[PublishedTags.WorstCaseRollbackSeconds]}s on the alarm path; {published[PublishedTags.WorstCaseRollbackDuringBakeSeconds]}s during a bake (stated by the stack)\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_StackWithoutPublishedFigures_SaysSoInsteadOfComputingThem()
    {
        // A Deploy state machine deployed by an older version of the construct: no deploy-pipeline:* tags.
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(["--endpoint-url", engine.Server.Url, "info", "--env", "staging"], stdout, stderr,
            options => new OlderStackClient(new Deploy.StepFunctions.StepFunctionsClient(options)));
        var jsonOut = new StringWriter();
        await CliApp.RunAsync(["--output", "json", "--endpoint-url", engine.Server.Url, "info", "--env", "staging"], jsonOut, new StringWriter(),
            options => new OlderStackClient(new Deploy.StepFunctions.StepFunctionsClient(options)));

        var text = stdout.ToString();
        Assert.Equal(0, code);
        Assert.Contains("  configuration: not published by this stack (deployed by an older version of the construct; redeploy it to see the figures)\n", text, StringComparison.Ordinal);
        Assert.Contains("  worst-case time to rollback: not published by this stack (deployed by an older version of the construct; redeploy it to see the figures)\n", text, StringComparison.Ordinal);
        var info = JsonNode.Parse(jsonOut.ToString())!.AsObject();
        Assert.Null(info["worstCaseTimeToRollback"]!["alarmPathSeconds"]);
        Assert.Null(info["configuration"]!["gracePeriodSeconds"]);
    }

    /// <summary>The published tags of the Deploy state machine in the synthesized template of <paramref name="stack"/>.</summary>
    private Dictionary<string, string> PublishedTagsOf(string stack)
    {
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(engine.CdkOut, $"{stack}.template.json")))!["Resources"]!.AsObject();
        var deploy = template.Single(r => r.Value!["Type"]!.GetValue<string>() == "AWS::StepFunctions::StateMachine"
            && r.Value["Properties"]!["StateMachineName"]?.GetValue<string>() == $"{stack}-deploy").Value!;
        var tags = deploy["Properties"]!["Tags"]!.AsArray()
            .ToDictionary(t => t!["Key"]!.GetValue<string>(), t => t!["Value"]!.GetValue<string>());
        Assert.Contains(tags.Keys, k => k.StartsWith(PublishedTags.Prefix, StringComparison.Ordinal));
        return tags;
    }

    [Fact]
    public async Task Health_LiveColor_PrintsHealthyVerdict()
    {
        var (code, output, _) = await engine.Cli("health", "--env", "staging");

        Assert.Equal(0, code);
        Assert.Matches(@"^webapp/staging (blue|green): Healthy", output);
        Assert.Contains("targets 2/2 healthy", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_AfterTraffic_WindowEndsAtTheEngineClockNotTheRealOne()
    {
        // The engine's clock is simulated (2026-01-01 on): a window computed from this machine's clock would hold no datapoint.
        await engine.Cli("deploy", "--env", "staging", "--version", "v1.2.1", "--image-id", Image, "--strategy", "AllAtOnce", "--wait");

        var (code, output, _) = await engine.Cli("--output", "json", "health", "--env", "staging", "--window-minutes", "3");

        var verdict = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(0, code);
        Assert.NotNull(verdict["evidence"]!["p99ResponseTimeSeconds"]);
        var evaluatedAt = DateTimeOffset.Parse(verdict["evaluatedDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(evaluatedAt < DateTimeOffset.UtcNow.AddDays(-30), $"the verdict is timed by the engine's simulated clock (from 2026-01-01), not the real one: {evaluatedAt:O}");
    }

    [Fact]
    public async Task History_AfterDeployments_ListsThemWithSummary()
    {
        await engine.Cli("deploy", "--env", "staging", "--version", "v1.2.0", "--image-id", Image, "--strategy", "AllAtOnce", "--wait");

        var (code, output, _) = await engine.Cli("--output", "json", "history", "--env", "staging", "--limit", "50");

        var history = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(0, code);
        Assert.Contains(history["deployments"]!.AsArray(), d => d!["version"]!.GetValue<string>() == "v1.2.0" && d["outcome"]!.GetValue<string>() == "Succeeded");
        Assert.True(history["summary"]!["deployments"]!.GetValue<int>() >= 1);
        Assert.NotNull(history["summary"]!["deploymentsPerDay"]);
    }

    [Fact]
    public async Task Graph_Deploy_PrintsMermaidFromTheDefinition()
    {
        var (code, output, _) = await engine.Cli("graph", "--env", "staging");

        Assert.Equal(0, code);
        Assert.StartsWith("flowchart TD", output, StringComparison.Ordinal);
        Assert.Contains("{RollBackToLiveColor}", output, StringComparison.Ordinal);
        Assert.Contains("-.->|error|", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_AfterThePreviousColorWasRetired_SaysNothingToRollBackTo()
    {
        await engine.Cli("deploy", "--env", "staging", "--version", "v1.3.0", "--image-id", Image, "--strategy", "AllAtOnce", "--wait");

        var (code, _, error) = await engine.Cli("rollback", "--env", "staging", "--reason", "testing");

        Assert.Equal(2, code);
        Assert.StartsWith("error: Nothing to roll back to in webapp/staging:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_OfARollbackThatRestoredNothing_ShowsItWithoutCrashing()
    {
        await engine.Cli("deploy", "--env", "staging", "--version", "v1.3.1", "--image-id", Image, "--strategy", "AllAtOnce", "--wait");
        var (_, rollback, _) = await engine.Cli("--output", "json", "rollback", "--env", "staging", "--reason", "testing");
        var arn = JsonNode.Parse(rollback)!["executionArn"]!.GetValue<string>();

        var (code, output, error) = await engine.Cli("status", "--execution-arn", arn);

        Assert.True(code == 0, error);
        Assert.Contains("SUCCEEDED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Abort_DeploymentAwaitingApproval_StopsItAndItsRecoveryPutsTrafficBackOnTheLiveColor()
    {
        var arn = await StartAndAwaitApproval("v3.1.0");
        var (_, before, _) = await engine.Cli("--output", "json", "info", "--env", "production");
        var live = JsonNode.Parse(before)!["liveColor"]!.GetValue<string>();

        var (code, output, error) = await engine.Cli("--output", "json", "abort", "--env", "production", "--reason", "wrong build");

        Assert.True(code == 0, error);
        var document = JsonNode.Parse(output)!;
        Assert.True(document["restored"]!.GetValue<bool>());
        var result = Assert.Single(document["aborts"]!.AsArray())!;
        Assert.Equal(arn, result["executionArn"]!.GetValue<string>());
        Assert.True(result["restored"]!.GetValue<bool>());
        Assert.Equal(live, result["liveColor"]!.GetValue<string>());
        Assert.Equal("SUCCEEDED", result["recovery"]!["status"]!.GetValue<string>());
        var (_, status, _) = await engine.Cli("--output", "json", "status", "--execution-arn", arn);
        var stopped = JsonNode.Parse(status)!;
        Assert.Equal("ABORTED", stopped["status"]!.GetValue<string>());
        Assert.Equal("Deploy.Aborted", stopped["executionError"]!.GetValue<string>());
        Assert.Contains("wrong build", stopped["executionCause"]!.GetValue<string>(), StringComparison.Ordinal);
        // status judges a stopped deployment by its Recovery.
        Assert.Equal("SUCCEEDED", stopped["recovery"]!["status"]!.GetValue<string>());
        var (_, after, _) = await engine.Cli("--output", "json", "info", "--env", "production");
        Assert.Equal(100, JsonNode.Parse(after)!["weights"]![live]!.GetValue<int>());

        // Nothing runs any more; a second abort says so (exit 2).
        var (againCode, _, againError) = await engine.Cli("abort", "--env", "production", "--reason", "again");
        Assert.Equal(2, againCode);
        Assert.Equal("error: Nothing to abort in webapp/production: no deployment is running.", againError.Trim());
    }

    [Fact]
    public async Task Rollback_DuringADeployment_AbortsItAndSaysTrafficIsBack()
    {
        var arn = await StartAndAwaitApproval("v3.2.0");

        var (code, output, error) = await engine.Cli("rollback", "--env", "production", "--reason", "customer reports");

        Assert.True(code == 0, error);
        Assert.StartsWith($"Aborted {arn.Split(':')[^1]}: 100% of traffic is on ", output, StringComparison.Ordinal);
        var (_, status, _) = await engine.Cli("--output", "json", "status", "--execution-arn", arn);
        Assert.Equal("ABORTED", JsonNode.Parse(status)!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deploy_WithoutWaitWhileAnotherHoldsTheLock_IsRefusedNamingTheHolderAndStatusShowsTheRunningOne()
    {
        var holder = await StartAndAwaitApproval("v3.1.0");

        var (code, output, error) = await engine.Cli("deploy", "--env", "production", "--version", "v3.1.1", "--image-id", Image);

        // Refused, not "Started": exit 3 and the holder named.
        Assert.True(code == 3, output + error);
        Assert.Contains($"Deployment failed (Deploy.DeploymentInProgress): {holder} holds the lock of webapp/production; nothing was changed.", output, StringComparison.Ordinal);
        // status --env shows the running deployment (not the newer refused one), the lock holder and the previous color.
        var (_, status, _) = await engine.Cli("status", "--env", "production");
        Assert.StartsWith($"{holder.Split(':')[^1]}  RUNNING", status, StringComparison.Ordinal);
        Assert.Matches($"lock: held by {System.Text.RegularExpressions.Regex.Escape(holder)} \\(deploying to (blue|green)\\)", status);
        Assert.Contains("a newer deployment v3-1-1-", status, StringComparison.Ordinal);
        var (_, info, _) = await engine.Cli("--output", "json", "info", "--env", "production");
        var json = JsonNode.Parse(info)!;
        Assert.Equal(holder, json["record"]!["lockedBy"]!.GetValue<string>());
        Assert.Equal(json["liveColor"]!.GetValue<string>(), json["record"]!["liveColor"]!.GetValue<string>());
        Assert.NotEqual(json["liveColor"]!.GetValue<string>(), json["record"]!["deployingColor"]!.GetValue<string>());
        Assert.Equal(holder, json["runningDeployments"]!.AsArray().Single()!["executionArn"]!.GetValue<string>());

        var (rejectCode, _, _) = await engine.Cli("reject", "--env", "production", "--reason", "refusal test over");
        Assert.Equal(0, rejectCode);
        Assert.Equal(5, await engine.WaitForEnd(holder));
        var (_, after, _) = await engine.Cli("info", "--env", "production");
        Assert.Contains("lock            free", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_UnknownEnvironment_ListsTheEngineEnvironments()
    {
        var (code, _, error) = await engine.Cli("info", "--env", "qa");

        Assert.Equal(2, code);
        Assert.Equal("error: Unknown environment \"qa\" for application \"webapp\"; known environments: production, staging.", error.Trim());
    }

    [Fact]
    public async Task Unlock_NobodyHoldsTheLock_SaysNothingToUnlockWithExitCode2()
    {
        var (code, output, error) = await engine.Cli("unlock", "--env", "staging", "--reason", "checking");

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal("error: Nothing to unlock in webapp/staging: the lock is free.", error.Trim());
    }

    [Fact]
    public async Task Unlock_WhileADeploymentAwaitsApproval_IsRefusedNamingItAndItsStatus()
    {
        var waiting = await StartAndAwaitApproval("v3.1.0");

        var (code, output, error) = await engine.Cli("--output", "json", "unlock", "--env", "production", "--reason", "is it stuck?");
        await engine.Cli("reject", "--env", "production", "--reason", "done testing unlock");
        await engine.WaitForEnd(waiting);

        var result = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(3, code);
        Assert.Equal("Refused", result["outcome"]!.GetValue<string>());
        Assert.Equal("Deploy.LockHolderRunning", result["executionError"]!.GetValue<string>());
        Assert.Contains($"The lock of webapp/production is held by {waiting}, which is RUNNING: it is not stuck.", result["executionCause"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Deploy.LockHolderRunning", result["error"]!["name"]!.GetValue<string>());
        Assert.Equal(3, result["error"]!["exitCode"]!.GetValue<int>());
        Assert.StartsWith($"error: Unlock refused (Deploy.LockHolderRunning): The lock of webapp/production is held by {waiting}, which is RUNNING", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusDetailed_ApprovedCanary_ShowsItsPhasesInOrderWithTheStepsWeightsAndTheApprover()
    {
        var arn = await StartAndAwaitApproval("v3.1.0");
        Assert.Equal(0, (await engine.Cli("approve", "--env", "production", "--reason", "CAB-7")).Code);
        Assert.Equal(0, await engine.WaitForEnd(arn));

        var (code, output, error) = await engine.Cli("--output", "json", "status", "--execution-arn", arn, "--detailed");
        var (_, text, _) = await engine.Cli("status", "--execution-arn", arn, "--detailed");

        Assert.True(code == 0, error);
        var timeline = JsonNode.Parse(output)!["timeline"]!.AsArray().Select(t => t!.AsObject()).ToList();
        Assert.Equal(new[] { "validate", "lock", "prepare", "grace", "health", "approval", "traffic", "traffic", "bake", "finalize" },
            timeline.Select(t => t["phase"]!.GetValue<string>()));
        var approval = timeline.Single(t => t["phase"]!.GetValue<string>() == "approval");
        Assert.StartsWith("approved by ", approval["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("(CAB-7)", approval["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var steps = timeline.Where(t => t["phase"]!.GetValue<string>() == "traffic").ToList();
        Assert.Equal(new[] { 1, 2 }, steps.Select(s => s["step"]!.GetValue<int>()));
        Assert.All(steps, s => Assert.Equal(2, s["steps"]!.GetValue<int>()));
        var idle = timeline.Single(t => t["phase"]!.GetValue<string>() == "finalize")["detail"]!.GetValue<string>().Split(' ')[0];
        Assert.Equal(100, steps[1]["weights"]![idle]!.GetValue<int>());
        Assert.InRange(steps[0]["weights"]![idle]!.GetValue<int>(), 1, 99);
        Assert.True(timeline.Single(t => t["phase"]!.GetValue<string>() == "health")["verdicts"]!["Healthy"]!.GetValue<int>() >= 1);
        Assert.True(timeline.Single(t => t["phase"]!.GetValue<string>() == "bake")["verdicts"]!.AsObject().Count >= 1);
        Assert.All(timeline, t => Assert.False(t["running"]!.GetValue<bool>()));
        // Phases follow each other: each begins no earlier than the one before.
        var starts = timeline.Select(t => DateTimeOffset.Parse(t["startDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(starts.Order(), starts);
        // For people: one line per phase, not the states.
        Assert.Contains("  timeline:", text, StringComparison.Ordinal);
        Assert.Contains("traffic 1/2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ProbeBeforeTraffic", text, StringComparison.Ordinal);
    }

    private async Task<string> StartAndAwaitApproval(string version)
    {
        var (code, output, error) = await engine.Cli("--output", "json", "deploy", "--env", "production", "--version", version, "--image-id", Image);
        Assert.True(code == 0, error);
        // Without --wait, deploy exits 0 only once the deployment holds the lock.
        Assert.True(JsonNode.Parse(output)!["admitted"]!.GetValue<bool>(), output);
        var arn = JsonNode.Parse(output)!["executionArn"]!.GetValue<string>();
        await engine.WaitForApproval(arn);
        return arn;
    }
}
