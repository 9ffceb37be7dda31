using Amazon.Runtime;

namespace Deploy.StepFunctions.Tests.TestSupport;

/// <summary>Clients wired for tests: explicit Region and credentials (the environment is never consulted), no back-off.</summary>
internal static class Clients
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string Region = "eu-west-1";

    public static StepFunctionsClientOptions Options(Uri? endpoint = null, HttpMessageHandler? handler = null, int maxRetries = 4) => new()
    {
        Region = Region,
        EndpointUrl = endpoint,
        Credentials = new BasicAWSCredentials(AccessKey, SecretKey),
        HttpMessageHandler = handler,
        MaxRetries = maxRetries,
        RetryBaseDelay = TimeSpan.Zero,
        RetryMaxDelay = TimeSpan.Zero,
        TimeProvider = new FixedTimeProvider(FixedTimeProvider.SuiteDate),
    };

    public static StepFunctionsClient For(LoopbackServer server, int maxRetries = 4) => new(Options(server.Url, maxRetries: maxRetries));

    public static StepFunctionsClient For(StubHandler handler, int maxRetries = 4) =>
        new(Options(new Uri("https://states.eu-west-1.amazonaws.com/"), handler, maxRetries));
}
