using Deploy.Cli.Tests.TestSupport;

namespace Deploy.Cli.Tests;

public class CliAppTests
{
    private static readonly string[] Staging = ["webapp-staging-deploy", "webapp-staging-rollback", "webapp-staging-health-probe",
        "webapp-production-deploy", "webapp-production-rollback", "webapp-production-health-probe"];

    [Fact]
    public async Task Run_Help_ListsAllElevenVerbs()
    {
        var (code, output, _) = await CliRunner.Run(null, "--help");

        Assert.Equal(0, code);
        foreach (var verb in new[] { "deploy", "status", "health", "info", "approve", "reject", "rollback", "abort", "unlock", "history", "graph" })
        {
            Assert.Contains($"  {verb} ", output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("deploy", "--image-id", "--launch-template-version", "--artifact", "--strategy", "--wait", "--timeout")]
    [InlineData("status", "--execution-arn", "--detailed")]
    [InlineData("health", "--min-healthy", "--max-errors", "--max-response-time")]
    [InlineData("info", "--env")]
    [InlineData("approve", "--env", "--reason")]
    [InlineData("reject", "--env", "--reason")]
    [InlineData("rollback", "--env", "--reason")]
    [InlineData("unlock", "--env", "--reason", "--wait", "--timeout")]
    [InlineData("history", "--env", "--limit")]
    [InlineData("graph", "--env", "--machine")]
    public async Task Run_VerbHelp_DocumentsItsOptions(string verb, params string[] options)
    {
        var (code, output, _) = await CliRunner.Run(null, verb, "--help");

        Assert.Equal(0, code);
        foreach (var option in options.Append("--endpoint-url").Append("--output").Append("--profile").Append("--region").Append("--app"))
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string[], string> BadInput => new()
    {
        { ["deploy", "--env", "staging", "--version", "v 1", "--image-id", "ami-0123456789abcdef0"],
            "error: The deployment request is invalid: version: \"v 1\" is invalid; use 1-128 characters of A-Z a-z 0-9 . _ + -" },
        { ["deploy", "--env", "staging", "--version", "v1.0.0", "--image-id", "ami-123"],
            "error: The deployment request is invalid: imageId: \"ami-123\" is invalid; use ami- followed by 8 or 17 lowercase hexadecimal digits" },
        { ["deploy", "--env", "staging", "--version", "v1.0.0"],
            "error: The deployment request is invalid: request: none of imageId, launchTemplateVersion, artifact is given; give at least one" },
        { ["deploy", "--env", "staging", "--version", "v1.0.0", "--image-id", "ami-0123456789abcdef0", "--strategy", "bluegreen"],
            "error: The deployment request is invalid: strategy: \"bluegreen\" is invalid; use AllAtOnce, Canary or Linear" },
        { ["deploy", "--env", "staging", "--image-id", "ami-0123456789abcdef0"], "error: Option '--version' is required." },
        { ["deploy", "--env", "staging", "--version", "v1", "--image-id", "ami-0123456789abcdef0", "--wait", "--timeout", "soon"],
            "error: --timeout: \"soon\" is not a duration; use e.g. 90s, 45m or 2h." },
        { ["history", "--env", "staging", "--limit", "0"], "error: --limit: got \"0\"; use a whole number from 1 to 100." },
        { ["history", "--env", "staging", "--limit", "abc"], "error: --limit: got \"abc\"; use a whole number from 1 to 100." },
        { ["history", "--env", "staging", "--limit", "99999999999"], "error: --limit: got \"99999999999\"; use a whole number from 1 to 100." },
        { ["deploy", "--env", "staging", "--version", "v1", "--image-id", "ami-0123456789abcdef0", "--wait", "--timeout", ""],
            "error: --timeout: \"\" is not a duration; use e.g. 90s, 45m or 2h." },
        { ["deploy", "--env", "staging", "--version", "v1", "--image-id", "ami-0123456789abcdef0", "--wait", "--timeout", "1e9h"],
            "error: --timeout: \"1e9h\" is not a duration; use e.g. 90s, 45m or 2h." },
        { ["deploy", "--env", "staging", "--version", "v1", "--image-id", "ami-0123456789abcdef0", "--wait", "--timeout", "999999h"],
            "error: --timeout: \"999999h\" is longer than the longest allowed, 8760h 00m; use e.g. 90s, 45m or 2h." },
        { ["deploy", "--env", "staging", "--version", "v1", "--launch-template-version", "abc"],
            "error: --launch-template-version: got \"abc\"; use a whole number from 1 to 2147483647." },
        { ["deploy", "--env", "staging", "--version", "v1", "--image-id", "ami-0123456789abcdef0", "--launch-template-version", "3"],
            "error: --image-id and --launch-template-version cannot be combined: --image-id creates a new launch-template version from that AMI, --launch-template-version deploys an existing one; give one of them." },
        { ["health", "--env", "staging", "--min-healthy", "150"], "error: --min-healthy: got \"150\"; use a number from 0 to 100 (percent)." },
        { ["health", "--env", "staging", "--min-healthy", "abc"], "error: --min-healthy: got \"abc\"; use a number from 0 to 100 (percent)." },
        { ["health", "--env", "staging", "--window-minutes", "0"], "error: --window-minutes: got \"0\"; use a whole number from 1 to 1440." },
        { ["health", "--env", "staging", "--window-minutes", "-3"], "error: --window-minutes: got \"-3\"; use a whole number from 1 to 1440." },
        { ["health", "--env", "staging", "--window-minutes", "100000"], "error: --window-minutes: got \"100000\"; use a whole number from 1 to 1440." },
        { ["status", "--env", "staging", "--execution-arn", "arn:aws:states:us-east-1:123456789012:execution:webapp-production-deploy:v1-20261201"],
            "error: --execution-arn is an execution of webapp/production but --env says staging: give one of them (--execution-arn alone names its environment)." },
        { ["unlock", "--env", "staging"], "error: Option '--reason' is required." },
        { ["unlock", "--env", "staging", "--reason", "  "],
            "error: --reason: say why the lock is freed (it is recorded and notified), e.g. --reason \"lock left after RecoveryFailed, INC-42\"." },
        { ["unlock", "--env", "staging", "--reason", "r", "--timeout", "0s"], "error: --timeout: \"0s\" is not a duration; use e.g. 90s, 45m or 2h." },
        { ["status"], "error: status needs --execution-arn, or --env to show the environment's latest deployment." },
        { ["info", "--env", "staging", "--output", "yaml"], "error: Argument 'yaml' not recognized. Must be one of:" },
        { ["info", "--env", "staging", "--endpoint-url", "ftp://example"], "error: --endpoint-url: \"ftp://example\" is not an http(s) URL, e.g. http://127.0.0.1:8083." },
        { ["status", "--execution-arn", "not-an-arn"], "error: --execution-arn: \"not-an-arn\" is not a Step Functions execution ARN (arn:aws:states:<region>:<account>:execution:<state machine>:<name>)." },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Run_BadInput_PrintsWhatIsWrongExitsUsageErrorAndCallsNothing(string[] args, string message)
    {
        var client = new RecordingClient(Staging);

        var (code, output, error) = await CliRunner.Run(client, args);

        Assert.Equal(2, code);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.Empty(client.Calls);
        Assert.Equal(string.Empty, output);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownEnvironment_ListsTheKnownOnes()
    {
        var client = new RecordingClient(Staging);

        var (code, _, error) = await CliRunner.Run(client, "info", "--env", "prod");

        Assert.Equal(2, code);
        Assert.Equal("error: Unknown environment \"prod\" for application \"webapp\"; known environments: production, staging.", error.Trim());
        Assert.Equal(["ListStateMachines"], client.Calls);
    }

    [Fact]
    public async Task Run_UnknownExecution_ExitsUsageErrorNotAwsError()
    {
        var client = new SilentClient(Staging);

        var (code, _, error) = await CliRunner.Run(client, "status", "--execution-arn", "arn:aws:states:us-east-1:123456789012:execution:webapp-staging-deploy:nope");

        Assert.Equal(2, code);
        Assert.Equal("error: Step Functions refused the call (ExecutionDoesNotExist): Execution Does Not Exist: 'arn:aws:states:us-east-1:123456789012:execution:webapp-staging-deploy:nope' "
            + "Check the ARN (deploy-pipeline history --env <env> lists the deployments) and --region / --endpoint-url.", error.Trim());
    }

    [Fact]
    public async Task Run_NothingAwaitingApproval_SaysSoAndExitsUsageError()
    {
        var client = new RecordingClient(Staging);

        var (code, _, error) = await CliRunner.Run(client, "approve", "--env", "production");

        Assert.Equal(2, code);
        Assert.Equal("error: Nothing is awaiting approval in webapp/production: no running deployment is waiting at its approval step.", error.Trim());
    }
}
