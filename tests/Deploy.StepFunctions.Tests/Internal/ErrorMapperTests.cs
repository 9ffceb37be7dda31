using Deploy.StepFunctions.Internal;
using Deploy.StepFunctions.Tests.TestSupport;

namespace Deploy.StepFunctions.Tests.Internal;

/// <summary>Error responses, as the client surfaces them (retries off, so the first response is the answer).</summary>
public class ErrorMapperTests
{
    private const string ExecutionArn = "arn:aws:states:eu-west-1:123456789012:execution:Deploy:run-1";

    [Theory]
    [InlineData("AccessDeniedException", 400, StepFunctionsErrorKind.AccessDenied)]
    [InlineData("UnrecognizedClientException", 400, StepFunctionsErrorKind.Auth)]
    [InlineData("InvalidSignatureException", 403, StepFunctionsErrorKind.Auth)]
    [InlineData("ExpiredTokenException", 400, StepFunctionsErrorKind.Auth)]
    [InlineData("MissingAuthenticationToken", 403, StepFunctionsErrorKind.Auth)]
    [InlineData("MissingAuthenticationTokenException", 403, StepFunctionsErrorKind.Auth)]
    [InlineData("IncompleteSignatureException", 400, StepFunctionsErrorKind.Auth)]
    [InlineData("ExecutionDoesNotExist", 400, StepFunctionsErrorKind.ExecutionDoesNotExist)]
    [InlineData("StateMachineDoesNotExist", 400, StepFunctionsErrorKind.StateMachineDoesNotExist)]
    [InlineData("TaskDoesNotExist", 400, StepFunctionsErrorKind.InvalidTaskToken)]
    [InlineData("InvalidToken", 400, StepFunctionsErrorKind.InvalidTaskToken)]
    [InlineData("TaskTimedOut", 400, StepFunctionsErrorKind.InvalidTaskToken)]
    [InlineData("ExecutionAlreadyExists", 400, StepFunctionsErrorKind.ExecutionAlreadyExists)]
    [InlineData("InvalidArn", 400, StepFunctionsErrorKind.InvalidArn)]
    [InlineData("InvalidExecutionInput", 400, StepFunctionsErrorKind.InvalidExecutionInput)]
    [InlineData("ValidationException", 400, StepFunctionsErrorKind.Validation)]
    [InlineData("ThrottlingException", 400, StepFunctionsErrorKind.Throttling)]
    [InlineData("TooManyRequestsException", 400, StepFunctionsErrorKind.Throttling)]
    [InlineData("InternalFailure", 500, StepFunctionsErrorKind.ServiceError)]
    [InlineData("ServiceUnavailable", 503, StepFunctionsErrorKind.ServiceError)]
    [InlineData("StateMachineDeleting", 400, StepFunctionsErrorKind.Unknown)]
    public async Task DescribeExecutionAsync_NamespacedErrorType_MapsToKindWithCodeMessageStatusAndRequestId(
        string code, int status, StepFunctionsErrorKind expected)
    {
        var handler = StubHandler.Sequence(ServerResponse.Error(status, "com.amazonaws.swf.service.v2.model#" + code, $"{code} happened"));
        using var client = Clients.For(handler, maxRetries: 0);

        var error = await Assert.ThrowsAsync<StepFunctionsException>(() => client.DescribeExecutionAsync(ExecutionArn));

        Assert.Equal(expected, error.Kind);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal($"{code} happened", error.Message);
        Assert.Equal(status, error.HttpStatus);
        Assert.Equal("stub-request-id", error.RequestId);
    }

    [Theory]
    [InlineData(StepFunctionsErrorKind.Throttling, true)]
    [InlineData(StepFunctionsErrorKind.ServiceError, true)]
    [InlineData(StepFunctionsErrorKind.Network, true)]
    [InlineData(StepFunctionsErrorKind.Validation, false)]
    [InlineData(StepFunctionsErrorKind.Auth, false)]
    [InlineData(StepFunctionsErrorKind.Unknown, false)]
    public void IsRetryable_Kind_OnlyTransientKindsAreRetryable(StepFunctionsErrorKind kind, bool expected)
    {
        Assert.Equal(expected, new StepFunctionsException(kind, "Code", "message").IsRetryable);
    }

    [Fact]
    public async Task DescribeExecutionAsync_CapitalizedMessageMember_UsesIt()
    {
        var handler = StubHandler.Sequence(new ServerResponse(400, """{"__type":"AccessDeniedException","Message":"User is not authorized"}"""));
        using var client = Clients.For(handler, maxRetries: 0);

        var error = await Assert.ThrowsAsync<StepFunctionsException>(() => client.DescribeExecutionAsync(ExecutionArn));

        Assert.Equal(StepFunctionsErrorKind.AccessDenied, error.Kind);
        Assert.Equal("User is not authorized", error.Message);
    }

    [Fact]
    public async Task DescribeExecutionAsync_ErrorTypeOnlyInHeader_UsesHeader()
    {
        var handler = StubHandler.Sequence(new ServerResponse(
            403, "{}", new Dictionary<string, string> { ["x-amzn-ErrorType"] = "InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/" }));
        using var client = Clients.For(handler, maxRetries: 0);

        var error = await Assert.ThrowsAsync<StepFunctionsException>(() => client.DescribeExecutionAsync(ExecutionArn));

        Assert.Equal(StepFunctionsErrorKind.Auth, error.Kind);
        Assert.Equal("InvalidSignatureException", error.ErrorCode);
        Assert.Equal("HTTP 403 InvalidSignatureException.", error.Message);
    }

    [Fact]
    public async Task DescribeExecutionAsync_HtmlErrorBody_ReportsStatusAndSnippet()
    {
        var handler = StubHandler.Sequence(new ServerResponse(502, "<html><body>Bad Gateway</body></html>"));
        using var client = Clients.For(handler, maxRetries: 0);

        var error = await Assert.ThrowsAsync<StepFunctionsException>(() => client.DescribeExecutionAsync(ExecutionArn));

        Assert.Equal(StepFunctionsErrorKind.ServiceError, error.Kind);
        Assert.Equal(ErrorMapper.UnknownCode, error.ErrorCode);
        Assert.Equal("HTTP 502 with a body that is not a JSON error: <html><body>Bad Gateway</body></html>", error.Message);
    }

    [Theory]
    [InlineData("com.amazonaws.swf.service.v2.model#ExecutionDoesNotExist", "ExecutionDoesNotExist")]
    [InlineData("ExecutionDoesNotExist", "ExecutionDoesNotExist")]
    [InlineData("InvalidSignatureException:http://internal.amazon.com/coral/", "InvalidSignatureException")]
    [InlineData("aws.protocoltests#ns#ValidationException", "ValidationException")]
    public void NormalizeCode_TypeWithNamespaceOrSuffix_ReturnsBareCode(string type, string expected)
    {
        Assert.Equal(expected, ErrorMapper.NormalizeCode(type));
    }
}
