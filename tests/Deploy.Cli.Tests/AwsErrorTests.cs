using System.Text.Json.Nodes;
using Deploy.Cli.Tests.TestSupport;
using Deploy.StepFunctions;

namespace Deploy.Cli.Tests;

public class AwsErrorTests
{
    private sealed class FailingClient(Exception failure) : IStepFunctionsClient
    {
        public Task<ListStateMachinesResult> ListStateMachinesAsync(string? nextToken = null, CancellationToken cancellationToken = default) => throw failure;

        public Task<StartExecutionResult> StartExecutionAsync(string stateMachineArn, string? input = null, string? name = null, CancellationToken cancellationToken = default) => throw failure;

        public Task<StartSyncExecutionResult> StartSyncExecutionAsync(string stateMachineArn, string? input = null, string? name = null, CancellationToken cancellationToken = default) => throw failure;

        public Task<DescribeExecutionResult> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken = default) => throw failure;

        public Task<ListExecutionsResult> ListExecutionsAsync(string stateMachineArn, ExecutionStatus? statusFilter = null, int? maxResults = null, string? nextToken = null, CancellationToken cancellationToken = default) => throw failure;

        public Task<GetExecutionHistoryResult> GetExecutionHistoryAsync(string executionArn, int? maxResults = null, bool? reverseOrder = null, string? nextToken = null, bool? includeExecutionData = null, CancellationToken cancellationToken = default) => throw failure;

        public Task SendTaskSuccessAsync(string taskToken, string output, CancellationToken cancellationToken = default) => throw failure;

        public Task SendTaskFailureAsync(string taskToken, string? error = null, string? cause = null, CancellationToken cancellationToken = default) => throw failure;

        public Task<StopExecutionResult> StopExecutionAsync(string executionArn, string? error = null, string? cause = null, CancellationToken cancellationToken = default) => throw failure;

        public Task<DescribeStateMachineResult> DescribeStateMachineAsync(string stateMachineArn, CancellationToken cancellationToken = default) => throw failure;

        public Task<ListTagsForResourceResult> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken = default) => throw failure;
    }

    public static TheoryData<Exception, string> Errors => new()
    {
        { new NoCredentialsException("No AWS credentials were found."), "error: No AWS credentials were found. " },
        { new StepFunctionsException(StepFunctionsErrorKind.AccessDenied, "AccessDeniedException", "User: arn:aws:iam::1:user/ops is not authorized to perform: states:ListStateMachines."),
            "error: Access denied: User: arn:aws:iam::1:user/ops is not authorized to perform: states:ListStateMachines. Your identity lacks a Step Functions permission this command needs (see README, 'IAM permissions for operators')." },
        { new StepFunctionsException(StepFunctionsErrorKind.Auth, "ExpiredTokenException", "The security token included in the request is expired"),
            "error: Your AWS session has expired (ExpiredTokenException). Refresh it (aws sso login, or new temporary credentials) and try again." },
        { new StepFunctionsException(StepFunctionsErrorKind.Auth, "UnrecognizedClientException", "The security token included in the request is invalid."),
            "error: AWS did not accept your credentials (UnrecognizedClientException): The security token included in the request is invalid. Check AWS_PROFILE / --profile, or refresh your session (aws sso login)." },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Run_AwsRefuses_PrintsOneParagraphAndExitsAwsError(Exception error, string message)
    {
        var (code, output, stderr) = await CliRunner.Run(new FailingClient(error), "info", "--env", "staging");

        Assert.Equal(7, code);
        Assert.StartsWith(message, stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    public static TheoryData<Exception, string, int> Named => new()
    {
        { new NoCredentialsException("No AWS credentials were found."), CliErrorNames.NoCredentials, 7 },
        { new StepFunctionsException(StepFunctionsErrorKind.AccessDenied, "AccessDeniedException", "User: ops is not authorized to perform: states:ListStateMachines."), CliErrorNames.AccessDenied, 7 },
        { new StepFunctionsException(StepFunctionsErrorKind.Auth, "ExpiredTokenException", "The security token included in the request is expired"), CliErrorNames.InvalidCredentials, 7 },
        { new StepFunctionsException(StepFunctionsErrorKind.Throttling, "ThrottlingException", "Rate exceeded"), CliErrorNames.Throttled, 7 },
        { new StepFunctionsException(StepFunctionsErrorKind.ServiceError, "InternalFailure", "boom"), CliErrorNames.AwsError, 7 },
        { new StepFunctionsException(StepFunctionsErrorKind.Network, "NetworkError", "ListStateMachines: no answer within 30s."), CliErrorNames.NetworkError, 7 },
        { new HttpRequestException("Connection refused"), CliErrorNames.NetworkError, 7 },
        { new InvalidOperationException("boom"), CliErrorNames.Unexpected, 1 },
    };

    [Theory]
    [MemberData(nameof(Named))]
    public async Task Run_AwsRefusesWithOutputJson_PrintsTheNamedErrorOnStdoutAndTheParagraphOnStderr(Exception error, string name, int exitCode)
    {
        var (code, output, stderr) = await CliRunner.Run(new FailingClient(error), "--output", "json", "info", "--env", "staging");

        Assert.Equal(exitCode, code);
        Assert.Empty(JsonDocumentRules.Check(output, code, "info"));
        var document = JsonNode.Parse(output)!;
        Assert.Equal(name, document["error"]!["name"]!.GetValue<string>());
        Assert.Equal(exitCode, document["error"]!["exitCode"]!.GetValue<int>());
        Assert.Equal("error: " + document["error"]!["message"]!.GetValue<string>(), stderr.Trim());
    }
}
