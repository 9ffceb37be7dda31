using System.Net;
using System.Text;
using Amazon.Runtime;
using Deploy.StepFunctions.Internal;
using Deploy.StepFunctions.Tests.TestSupport;

namespace Deploy.StepFunctions.Tests;

/// <summary>Endpoints, what is signed on the wire, retries and timeouts.</summary>
public class StepFunctionsClientTests
{
    private const string ExecutionArn = "arn:aws:states:eu-west-1:123456789012:execution:Deploy:run-1";
    private const string Described =
        $$"""{"executionArn":"{{ExecutionArn}}","stateMachineArn":"arn:aws:states:eu-west-1:123456789012:stateMachine:Deploy","status":"SUCCEEDED","startDate":1,"stopDate":2}""";

    private static readonly ServerResponse Throttled = ServerResponse.Error(400, "ThrottlingException", "Rate exceeded");
    private static readonly ServerResponse ServerFault = ServerResponse.Error(500, "InternalFailure", "internal error");

    [Fact]
    public void Constructor_RegionWithoutEndpointUrl_UsesRegionalEndpoints()
    {
        using var client = new StepFunctionsClient(Clients.Options());

        Assert.Equal("eu-west-1", client.Region);
        Assert.Equal(new Uri("https://states.eu-west-1.amazonaws.com/"), client.Endpoint);
        Assert.Equal(new Uri("https://sync-states.eu-west-1.amazonaws.com/"), client.SyncEndpoint);
    }

    [Fact]
    public void Constructor_ChinaRegion_UsesChinaDnsSuffix()
    {
        var options = Clients.Options();
        options.Region = "cn-north-1";

        using var client = new StepFunctionsClient(options);

        Assert.Equal(new Uri("https://states.cn-north-1.amazonaws.com.cn/"), client.Endpoint);
    }

    [Fact]
    public void Constructor_EndpointUrl_UsedForAllActionsIncludingSync()
    {
        using var client = new StepFunctionsClient(Clients.Options(new Uri("http://127.0.0.1:8083")));

        Assert.Equal(new Uri("http://127.0.0.1:8083/"), client.Endpoint);
        Assert.Equal(client.Endpoint, client.SyncEndpoint);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:2121/")]
    [InlineData("/relative")]
    public void Constructor_EndpointUrlNotHttp_ThrowsArgumentException(string url)
    {
        var options = Clients.Options(new Uri(url, UriKind.RelativeOrAbsolute));

        var error = Assert.Throws<ArgumentException>(() => new StepFunctionsClient(options));

        Assert.StartsWith($"The endpoint URL must be an absolute http or https URL, e.g. http://127.0.0.1:8083; got '{url}'.", error.Message);
    }

    [Fact]
    public void Constructor_NegativeMaxRetries_ThrowsArgumentOutOfRange()
    {
        var options = Clients.Options();
        options.MaxRetries = -1;

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StepFunctionsClient(options));

        Assert.Equal("MaxRetries", error.ParamName);
    }

    [Fact]
    public void Constructor_ZeroRequestTimeout_ThrowsArgumentOutOfRange()
    {
        var options = Clients.Options();
        options.RequestTimeout = TimeSpan.Zero;

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StepFunctionsClient(options));

        Assert.Equal("RequestTimeout", error.ParamName);
    }

    [Fact]
    public void Constructor_RegionWithInvalidCharacters_ThrowsConfigurationError()
    {
        var options = Clients.Options();
        options.Region = "eu-west-1.evil.example";

        var error = Assert.Throws<StepFunctionsException>(() => new StepFunctionsClient(options));

        Assert.Equal(StepFunctionsErrorKind.Configuration, error.Kind);
        Assert.Equal("InvalidRegion", error.ErrorCode);
        Assert.Equal(
            "The Region 'eu-west-1.evil.example' from the Region option is not a Region name; expected lower-case letters, digits and hyphens, e.g. eu-west-1.",
            error.Message);
    }

    [Fact]
    public async Task StartSyncExecutionAsync_DefaultEndpoint_PostsToSyncStatesHost()
    {
        var handler = StubHandler.Sequence(ServerResponse.Ok("""{"executionArn":"e","status":"SUCCEEDED","startDate":1,"stopDate":2}"""));
        using var client = new StepFunctionsClient(Clients.Options(handler: handler));

        await client.StartSyncExecutionAsync("arn:aws:states:eu-west-1:123456789012:stateMachine:Express");

        var request = handler.Requests.Single().Request;
        Assert.Equal(new Uri("https://sync-states.eu-west-1.amazonaws.com/"), request.RequestUri);
        Assert.Equal("sync-states.eu-west-1.amazonaws.com", request.Headers.Host);
        Assert.Contains("/eu-west-1/states/aws4_request", request.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public async Task DescribeExecutionAsync_DefaultEndpoint_PostsToStatesHost()
    {
        var handler = StubHandler.Sequence(ServerResponse.Ok(Described));
        using var client = new StepFunctionsClient(Clients.Options(handler: handler));

        await client.DescribeExecutionAsync(ExecutionArn);

        Assert.Equal(new Uri("https://states.eu-west-1.amazonaws.com/"), handler.Requests.Single().Request.RequestUri);
    }

    [Fact]
    public async Task DescribeExecutionAsync_LoopbackServer_SignatureVerifiesAgainstTheRequestAsReceived()
    {
        await using var server = LoopbackServer.Start(ServerResponse.Ok(Described));
        using var client = Clients.For(server);

        await client.DescribeExecutionAsync(ExecutionArn);

        // Rebuild the request from what arrived (host with port, content type as sent, body bytes) and sign it again:
        // the signatures agree only if nothing the client signed was changed on the way out.
        var received = server.Requests.Single();
        var rebuilt = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Url, received.RawUrl)) { Content = new ByteArrayContent(received.Body) };
        rebuilt.Content.Headers.TryAddWithoutValidation("Content-Type", received.Header("Content-Type"));
        rebuilt.Headers.TryAddWithoutValidation("X-Amz-Target", received.Header("X-Amz-Target"));
        rebuilt.Headers.Host = received.Header("Host");
        var expected = SigV4Signer.Sign(
            rebuilt, received.Body, new ImmutableCredentials(Clients.AccessKey, Clients.SecretKey, null), "eu-west-1", "states", FixedTimeProvider.SuiteDate);
        Assert.Equal(expected.Authorization, received.Header("Authorization"));
        Assert.Equal($"127.0.0.1:{server.Url.Port}", received.Header("Host"));
    }

    [Fact]
    public async Task DescribeExecutionAsync_SessionCredentials_SendsAndSignsSecurityToken()
    {
        await using var server = LoopbackServer.Start(ServerResponse.Ok(Described));
        var options = Clients.Options(server.Url);
        options.Credentials = new SessionAWSCredentials(Clients.AccessKey, Clients.SecretKey, "session-token-1");
        using var client = new StepFunctionsClient(options);

        await client.DescribeExecutionAsync(ExecutionArn);

        var received = server.Requests.Single();
        Assert.Equal("session-token-1", received.Header("X-Amz-Security-Token"));
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,", received.Header("Authorization"));
    }

    [Fact]
    public async Task DescribeExecutionAsync_TwoThrottlingResponsesThenSuccess_SendsThreeRequestsOverLoopback()
    {
        await using var server = LoopbackServer.Start(Throttled, Throttled, ServerResponse.Ok(Described));
        using var client = Clients.For(server);

        var result = await client.DescribeExecutionAsync(ExecutionArn);

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, request => Assert.Equal("AWSStepFunctions.DescribeExecution", request.Header("X-Amz-Target")));
    }

    [Fact]
    public async Task DescribeExecutionAsync_TooManyRequestsThenSuccess_Retries()
    {
        var handler = StubHandler.Sequence(
            ServerResponse.Error(400, "TooManyRequestsException", "slow down"), ServerResponse.Ok(Described));
        using var client = Clients.For(handler);

        await client.DescribeExecutionAsync(ExecutionArn);

        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public async Task DescribeExecutionAsync_Http429WithoutErrorType_Retries()
    {
        var handler = StubHandler.Sequence(new ServerResponse(429, string.Empty), ServerResponse.Ok(Described));
        using var client = Clients.For(handler);

        await client.DescribeExecutionAsync(ExecutionArn);

        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public async Task DescribeExecutionAsync_ValidationException_ThrowsWithoutRetrying()
    {
        await using var server = LoopbackServer.Start(ServerResponse.Error(400, "ValidationException", "1 validation error detected"));
        using var client = Clients.For(server);

        var error = await Assert.ThrowsAsync<StepFunctionsException>(() => client.DescribeExecutionAsync(ExecutionArn));

        Assert.Equal(StepFunctionsErrorKind.Validation, error.Kind);
        Assert.Equal("1 validation error detected", error.Message);
        Assert.Equal("req-1", error.RequestId);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task DescribeExecutionAsync_ServerErrorEveryTime_RetriesMaxRetriesTimesThenThrows()
    {
        var handler = StubHandler.Sequence(ServerFault);
        using var client = Clients.For(handler, maxRetries: 4);

        var error = await Assert.ThrowsAsync<StepFunctionsException>(() => client.DescribeExecutionAsync(ExecutionArn));

        Assert.Equal(5, handler.Count);
        Assert.Equal(StepFunctionsErrorKind.ServiceError, error.Kind);
        Assert.Equal("InternalFailure", error.ErrorCode);
        Assert.Equal(500, error.HttpStatus);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task DescribeExecutionAsync_ServerErrorThenSuccess_ReturnsResult()
    {
        await using var server = LoopbackServer.Start(new ServerResponse(503, "Service Unavailable"), ServerResponse.Ok(Described));
        using var client = Clients.For(server);

        var result = await client.DescribeExecutionAsync(ExecutionArn);

        Assert.Equal(ExecutionArn, result.ExecutionArn);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task DescribeExecutionAsync_MaxRetriesZero_SendsOnce()
    {
        var handler = StubHandler.Sequence(ServerFault);
        using var client = Clients.For(handler, maxRetries: 0);

        await Assert.ThrowsAsync<StepFunctionsException>(() => client.DescribeExecutionAsync(ExecutionArn));

        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task DescribeExecutionAsync_ConnectionFailsThenSucceeds_Retries()
    {
        var handler = new StubHandler((_, index, _) => index == 0
            ? throw new HttpRequestException("Connection refused")
            : Task.FromResult(StubHandler.ToMessage(ServerResponse.Ok(Described))));
        using var client = Clients.For(handler);

        await client.DescribeExecutionAsync(ExecutionArn);

        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public async Task DescribeExecutionAsync_NothingListening_ThrowsNetworkErrorAfterRetries()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var client = new StepFunctionsClient(Clients.Options(new Uri($"http://127.0.0.1:{port}/"), maxRetries: 1));

        var error = await Assert.ThrowsAsync<StepFunctionsException>(() => client.DescribeExecutionAsync(ExecutionArn));

        Assert.Equal(StepFunctionsErrorKind.Network, error.Kind);
        Assert.Equal("NetworkError", error.ErrorCode);
        Assert.StartsWith($"DescribeExecution: could not reach http://127.0.0.1:{port}/: ", error.Message);
        Assert.Null(error.HttpStatus);
    }

    [Fact]
    public async Task DescribeExecutionAsync_AttemptTimesOut_RetriesThenThrowsRequestTimeout()
    {
        var handler = new StubHandler(async (_, _, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        var options = Clients.Options(handler: handler, maxRetries: 1);
        options.RequestTimeout = TimeSpan.FromMilliseconds(20);
        using var client = new StepFunctionsClient(options);

        var error = await Assert.ThrowsAsync<StepFunctionsException>(() => client.DescribeExecutionAsync(ExecutionArn));

        Assert.Equal(StepFunctionsErrorKind.Network, error.Kind);
        Assert.Equal("RequestTimeout", error.ErrorCode);
        Assert.Equal("DescribeExecution: no response from https://states.eu-west-1.amazonaws.com/ within 0.02 s.", error.Message);
        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public async Task DescribeExecutionAsync_CallerCancels_ThrowsOperationCanceledWithoutRetrying()
    {
        using var cancellation = new CancellationTokenSource();
        var handler = new StubHandler(async (_, _, token) =>
        {
            await cancellation.CancelAsync();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        using var client = Clients.For(handler);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.DescribeExecutionAsync(ExecutionArn, cancellation.Token));

        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task DescribeExecutionAsync_EveryAttempt_IsSignedAfresh()
    {
        var dates = new Queue<DateTimeOffset>([FixedTimeProvider.SuiteDate, FixedTimeProvider.SuiteDate.AddSeconds(1)]);
        var handler = StubHandler.Sequence(Throttled, ServerResponse.Ok(Described));
        var options = Clients.Options(handler: handler);
        options.TimeProvider = new SequenceTimeProvider(dates);
        using var client = new StepFunctionsClient(options);

        await client.DescribeExecutionAsync(ExecutionArn);

        Assert.Equal(
            ["20150830T123600Z", "20150830T123601Z"],
            handler.Requests.Select(r => r.Request.Headers.GetValues("X-Amz-Date").Single()));
        Assert.All(handler.Requests, r => Assert.Single(r.Request.Headers.GetValues("Authorization")));
        Assert.NotEqual(
            handler.Requests[0].Request.Headers.GetValues("Authorization").Single(),
            handler.Requests[1].Request.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public async Task SendTaskSuccessAsync_UserAgent_IsSentButNotSigned()
    {
        var handler = StubHandler.Sequence(ServerResponse.Ok("{}"));
        using var client = Clients.For(handler);

        await client.SendTaskSuccessAsync("t", "{}");

        var request = handler.Requests.Single().Request;
        Assert.StartsWith("Deploy.StepFunctions/", string.Join(" ", request.Headers.GetValues("User-Agent")));
        Assert.DoesNotContain("user-agent", request.Headers.GetValues("Authorization").Single());
        Assert.Equal("""{"taskToken":"t","output":"{}"}""", Encoding.UTF8.GetString(handler.Requests.Single().Body));
    }

    private sealed class SequenceTimeProvider(Queue<DateTimeOffset> times) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => times.Dequeue();
    }
}
