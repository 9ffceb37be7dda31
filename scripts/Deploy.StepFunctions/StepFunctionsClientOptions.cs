using Amazon.Runtime;

namespace Deploy.StepFunctions;

/// <summary>
/// Configuration for <see cref="StepFunctionsClient"/>. Everything is optional: with no settings the client
/// behaves like the AWS CLI (region and credentials from the environment and the shared AWS config files).
/// </summary>
public sealed class StepFunctionsClientOptions
{
    /// <summary>
    /// The AWS Region, e.g. <c>eu-west-1</c>.
    /// Default: <c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>, else the <c>region</c> of the selected profile
    /// (<see cref="Profile"/>, else <c>AWS_PROFILE</c>, else <c>default</c>); with a loopback <see cref="EndpointUrl"/>
    /// and none of those, <c>us-east-1</c>.
    /// </summary>
    public string? Region { get; set; }

    /// <summary>
    /// Overrides the service endpoint, e.g. <c>http://127.0.0.1:8083</c> for a local Step Functions engine.
    /// Default: <c>https://states.{region}.amazonaws.com/</c> (and <c>https://sync-states.{region}.amazonaws.com/</c>
    /// for StartSyncExecution, as the AWS SDKs do).
    /// </summary>
    public Uri? EndpointUrl { get; set; }

    /// <summary>
    /// The named profile from <c>~/.aws/credentials</c> or <c>~/.aws/config</c> to take credentials and region from
    /// (what <c>--profile</c> selects in the AWS CLI). Default: the SDK's default chain, which honours <c>AWS_PROFILE</c>.
    /// </summary>
    public string? Profile { get; set; }

    /// <summary>
    /// Explicit credentials. Default: resolved once, on first use, from <see cref="Profile"/> or AWSSDK.Core's default
    /// chain (environment variables, web identity, shared profiles incl. SSO and assume-role, container and EC2
    /// instance roles). With a loopback <see cref="EndpointUrl"/> and nothing found, dummy credentials are used,
    /// because local Step Functions engines do not verify signatures.
    /// </summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>
    /// The innermost HTTP handler, for proxies, custom certificates or tests. The client does not dispose it.
    /// Default: a <see cref="SocketsHttpHandler"/> owned by the client.
    /// </summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>
    /// How many times a throttled, 5xx or failed-in-transport request is retried (not counting the first attempt).
    /// Client errors (4xx other than throttling) are never retried. 0 turns retries off. Default: 4.
    /// </summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>
    /// The longest delay before the first retry; each later retry doubles it (up to <see cref="RetryMaxDelay"/>), and the
    /// delay actually waited is a random fraction of it (full jitter, as the AWS SDKs do).
    /// <see cref="TimeSpan.Zero"/> retries immediately (useful in tests). Default: 200 milliseconds.
    /// </summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay between two attempts. Default: 20 seconds.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one attempt may take before it is abandoned (and retried). Default: 60 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long to wait for a connection (TCP, and TLS for https) to the endpoint; a connection that cannot be made in
    /// time is a transport failure, retried like any other. Used only with the client's own handler (not with
    /// <see cref="HttpMessageHandler"/>). Default: 10 seconds.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long one call may take in all, its retries and their back-off included; when it has passed the call fails with
    /// a <see cref="StepFunctionsErrorKind.Network"/> error <c>RequestTimeout</c>. Not applied to StartSyncExecution
    /// (see <see cref="SyncExecutionTimeout"/>). Default: no limit beyond <see cref="RequestTimeout"/> per attempt and
    /// <see cref="MaxRetries"/>.
    /// </summary>
    public TimeSpan? CallTimeout { get; set; }

    /// <summary>
    /// Told, in one line, what the client is waiting for: before each retry (what failed, the delay, which retry of how
    /// many) and when an attempt has had no answer for half of <see cref="RequestTimeout"/> (at most 5 seconds). For a
    /// CLI's progress messages. Default: nobody.
    /// </summary>
    public Action<string>? Progress { get; set; }

    /// <summary>
    /// How long one StartSyncExecution attempt may take; an Express execution may run for up to 5 minutes.
    /// Default: 6 minutes.
    /// </summary>
    public TimeSpan SyncExecutionTimeout { get; set; } = TimeSpan.FromMinutes(6);

    /// <summary>The clock that dates each request's signature. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
