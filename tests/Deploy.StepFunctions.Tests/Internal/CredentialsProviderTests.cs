using Deploy.StepFunctions.Internal;
using Deploy.StepFunctions.Tests.TestSupport;

namespace Deploy.StepFunctions.Tests.Internal;

/// <summary>
/// Credential resolution through the client, against a controlled environment (no variables, empty shared files,
/// instance metadata disabled), so AWSSDK.Core's real default chain runs and finds only what a test puts there.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public class CredentialsProviderTests
{
    private const string ExecutionArn = "arn:aws:states:eu-west-1:123456789012:execution:Deploy:run-1";
    private const string Described =
        $$"""{"executionArn":"{{ExecutionArn}}","stateMachineArn":"arn:aws:states:eu-west-1:123456789012:stateMachine:Deploy","status":"RUNNING","startDate":1}""";

    private const string OpsCredentials = """
        [ops]
        aws_access_key_id = AKIAOPSEXAMPLE
        aws_secret_access_key = ops-secret
        """;

    [Fact]
    public async Task DescribeExecutionAsync_NoCredentialsAndAwsEndpoint_ThrowsNoCredentialsWithoutSending()
    {
        using var environment = new EnvironmentScope();
        var handler = StubHandler.Sequence(ServerResponse.Ok(Described));
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions { Region = "eu-west-1", HttpMessageHandler = handler });

        var error = await Assert.ThrowsAsync<NoCredentialsException>(() => client.DescribeExecutionAsync(ExecutionArn));

        Assert.Equal(0, handler.Count);
        Assert.Equal(StepFunctionsErrorKind.Auth, error.Kind);
        Assert.Equal(NoCredentialsException.Code, error.ErrorCode);
        Assert.Null(error.HttpStatus);
        Assert.Equal(
            "No AWS credentials were found in the environment variables, a web identity token, the shared config and credentials "
            + "files (profile 'default'), or a container or EC2 instance role. " + NoCredentialsException.Advice,
            error.Message);
        Assert.Contains("AWS_PROFILE", error.Message);
        Assert.Contains("aws configure", error.Message);
        Assert.Contains("--profile", error.Message);
    }

    [Fact]
    public async Task DescribeExecutionAsync_NoCredentialsAndEndpointOverrideOffMachine_ThrowsNoCredentials()
    {
        using var environment = new EnvironmentScope();
        var handler = StubHandler.Sequence(ServerResponse.Ok(Described));
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions
        {
            Region = "eu-west-1",
            EndpointUrl = new Uri("https://vpce-0123.states.eu-west-1.vpce.amazonaws.com"),
            HttpMessageHandler = handler,
        });

        await Assert.ThrowsAsync<NoCredentialsException>(() => client.DescribeExecutionAsync(ExecutionArn));

        Assert.Equal(0, handler.Count);
    }

    [Fact]
    public async Task DescribeExecutionAsync_AwsProfileNamesMissingProfile_ThrowsNoCredentialsNamingIt()
    {
        using var environment = new EnvironmentScope().Set("AWS_PROFILE", "nosuch").WriteCredentials(OpsCredentials);
        var handler = StubHandler.Sequence(ServerResponse.Ok(Described));
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions { Region = "eu-west-1", HttpMessageHandler = handler });

        var error = await Assert.ThrowsAsync<NoCredentialsException>(() => client.DescribeExecutionAsync(ExecutionArn));

        Assert.StartsWith("The profile 'nosuch' named by AWS_PROFILE was not found. Set AWS_PROFILE", error.Message);
        Assert.Equal(0, handler.Count);
    }

    [Fact]
    public async Task DescribeExecutionAsync_ProfileOptionMissing_ThrowsNoCredentialsNamingIt()
    {
        using var environment = new EnvironmentScope().WriteCredentials(OpsCredentials);
        var handler = StubHandler.Sequence(ServerResponse.Ok(Described));
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions
        {
            Region = "eu-west-1",
            Profile = "nosuch",
            HttpMessageHandler = handler,
        });

        var error = await Assert.ThrowsAsync<NoCredentialsException>(() => client.DescribeExecutionAsync(ExecutionArn));

        Assert.Equal(
            "The profile 'nosuch' was not found in the shared config or credentials file, or it has no credentials. " + NoCredentialsException.Advice,
            error.Message);
    }

    [Fact]
    public async Task DescribeExecutionAsync_EnvironmentCredentials_SignsWithThemAndSendsToken()
    {
        using var environment = new EnvironmentScope()
            .Set("AWS_ACCESS_KEY_ID", "AKIAENVEXAMPLE").Set("AWS_SECRET_ACCESS_KEY", "env-secret").Set("AWS_SESSION_TOKEN", "env-token");
        await using var server = LoopbackServer.Start(ServerResponse.Ok(Described));
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions { Region = "eu-west-1", EndpointUrl = server.Url });

        await client.DescribeExecutionAsync(ExecutionArn);

        var request = server.Requests.Single();
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIAENVEXAMPLE/", request.Header("Authorization"));
        Assert.Contains("/eu-west-1/states/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,", request.Header("Authorization"));
        Assert.Equal("env-token", request.Header("X-Amz-Security-Token"));
    }

    [Fact]
    public async Task DescribeExecutionAsync_ProfileOption_SignsWithThatProfileOverEnvironment()
    {
        using var environment = new EnvironmentScope()
            .Set("AWS_ACCESS_KEY_ID", "AKIAENVEXAMPLE").Set("AWS_SECRET_ACCESS_KEY", "env-secret").WriteCredentials(OpsCredentials);
        await using var server = LoopbackServer.Start(ServerResponse.Ok(Described));
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions { Region = "eu-west-1", EndpointUrl = server.Url, Profile = "ops" });

        await client.DescribeExecutionAsync(ExecutionArn);

        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIAOPSEXAMPLE/", server.Requests.Single().Header("Authorization"));
    }

    [Fact]
    public async Task DescribeExecutionAsync_AwsProfileInEnvironment_DefaultChainUsesIt()
    {
        using var environment = new EnvironmentScope().Set("AWS_PROFILE", "ops").WriteCredentials(OpsCredentials);
        var handler = StubHandler.Sequence(ServerResponse.Ok(Described));
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions { Region = "eu-west-1", HttpMessageHandler = handler });

        await client.DescribeExecutionAsync(ExecutionArn);

        Assert.StartsWith(
            "AWS4-HMAC-SHA256 Credential=AKIAOPSEXAMPLE/",
            handler.Requests.Single().Request.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public async Task DescribeExecutionAsync_LoopbackEndpointAndNoCredentials_SignsWithDummyCredentials()
    {
        using var environment = new EnvironmentScope();
        await using var server = LoopbackServer.Start(ServerResponse.Ok(Described));
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions { EndpointUrl = server.Url });

        var result = await client.DescribeExecutionAsync(ExecutionArn);

        Assert.Equal(ExecutionStatus.Running, result.Status);
        Assert.StartsWith(
            $"AWS4-HMAC-SHA256 Credential={CredentialsProvider.LocalAccessKey}/",
            server.Requests.Single().Header("Authorization"));
        Assert.Contains("/us-east-1/states/aws4_request", server.Requests.Single().Header("Authorization"));
    }

    [Fact]
    public async Task DescribeExecutionAsync_LoopbackEndpointAndMissingProfileOption_SignsWithDummyCredentials()
    {
        using var environment = new EnvironmentScope();
        await using var server = LoopbackServer.Start(ServerResponse.Ok(Described));
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions { EndpointUrl = server.Url, Profile = "nosuch" });

        await client.DescribeExecutionAsync(ExecutionArn);

        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={CredentialsProvider.LocalAccessKey}/", server.Requests.Single().Header("Authorization"));
    }

    [Fact]
    public async Task DescribeExecutionAsync_LoopbackEndpointWithEnvironmentCredentials_PrefersThemOverDummy()
    {
        using var environment = new EnvironmentScope().Set("AWS_ACCESS_KEY_ID", "AKIAENVEXAMPLE").Set("AWS_SECRET_ACCESS_KEY", "env-secret");
        await using var server = LoopbackServer.Start(ServerResponse.Ok(Described));
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions { EndpointUrl = server.Url });

        await client.DescribeExecutionAsync(ExecutionArn);

        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIAENVEXAMPLE/", server.Requests.Single().Header("Authorization"));
    }

    [Fact]
    public async Task DescribeExecutionAsync_CredentialsAppearAfterFailure_SecondCallSucceeds()
    {
        using var environment = new EnvironmentScope();
        var handler = StubHandler.Sequence(ServerResponse.Ok(Described));
        using var client = new StepFunctionsClient(new StepFunctionsClientOptions { Region = "eu-west-1", HttpMessageHandler = handler });
        await Assert.ThrowsAsync<NoCredentialsException>(() => client.DescribeExecutionAsync(ExecutionArn));

        environment.Set("AWS_ACCESS_KEY_ID", "AKIAENVEXAMPLE").Set("AWS_SECRET_ACCESS_KEY", "env-secret");
        await client.DescribeExecutionAsync(ExecutionArn);

        Assert.Equal(1, handler.Count);
    }
}
