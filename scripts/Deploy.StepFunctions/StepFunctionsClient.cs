using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Deploy.StepFunctions.Internal;

namespace Deploy.StepFunctions;

/// <summary>
/// A Step Functions client speaking the service's JSON 1.0 protocol: <c>POST /</c> with
/// <c>X-Amz-Target: AWSStepFunctions.{Action}</c>, signed with SigV4 by AWSSDK.Core, retried with exponential
/// back-off and jitter on throttling, 5xx and transport failures.
/// </summary>
/// <remarks>
/// Credentials and Region are found the way the AWS CLI finds them (see <see cref="StepFunctionsClientOptions"/>).
/// With a loopback <see cref="StepFunctionsClientOptions.EndpointUrl"/> (a local engine), a missing Region defaults to
/// <c>us-east-1</c> and missing credentials to dummy ones, because local engines do not verify signatures.
/// </remarks>
public sealed partial class StepFunctionsClient : IStepFunctionsClient, IDisposable
{
    /// <summary>The SigV4 signing name of Step Functions.</summary>
    public const string SigningName = "states";

    private const string ContentType = "application/x-amz-json-1.0";
    private const string TargetPrefix = "AWSStepFunctions.";

    private static readonly string UserAgent =
        $"Deploy.StepFunctions/{typeof(StepFunctionsClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"}";

    private readonly HttpClient _http;
    private readonly CredentialsProvider _credentials;
    private readonly int _maxRetries;
    private readonly TimeSpan _retryBaseDelay;
    private readonly TimeSpan _retryMaxDelay;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _requestTimeout;
    private readonly TimeSpan _syncExecutionTimeout;
    private readonly TimeSpan? _callTimeout;
    private readonly Action<string>? _progress;

    /// <summary>Creates a client; finds the Region now and the credentials on the first call.</summary>
    /// <param name="options">The configuration. Default: everything from the environment.</param>
    /// <exception cref="StepFunctionsException">No Region is configured (<see cref="StepFunctionsErrorKind.Configuration"/>).</exception>
    /// <exception cref="ArgumentException">An option is out of range or the endpoint URL is not absolute http(s).</exception>
    public StepFunctionsClient(StepFunctionsClientOptions? options = null)
    {
        options ??= new StepFunctionsClientOptions();
        Validate(options);

        var isLocal = options.EndpointUrl?.IsLoopback ?? false;
        Region = RegionResolver.Resolve(options, isLocal);
        var endpointUrl = LoopbackIPv4(options.EndpointUrl);
        Endpoint = endpointUrl ?? DefaultEndpoint("states", Region);
        SyncEndpoint = endpointUrl ?? DefaultEndpoint("sync-states", Region);

        _credentials = new CredentialsProvider(options, isLocal);
        _timeProvider = options.TimeProvider;
        _requestTimeout = options.RequestTimeout;
        _syncExecutionTimeout = options.SyncExecutionTimeout;
        _callTimeout = options.CallTimeout;
        _progress = options.Progress;
        _maxRetries = options.MaxRetries;
        _retryBaseDelay = options.RetryBaseDelay;
        _retryMaxDelay = options.RetryMaxDelay;
        _http = options.HttpMessageHandler is { } handler
            ? new HttpClient(handler, disposeHandler: false)
            : new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = options.ConnectTimeout }, disposeHandler: true);

        // Each attempt has its own timeout (see SendOnceAsync), so the client-wide one is off.
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>
    /// Starts, once per process and on a thread-pool thread, the one-time work of a first call (reading the shared config
    /// and credentials files as the process environment names them now, loading the SigV4 signer, the crypto library and
    /// the JSON metadata), and returns at once. Optional, for a short-lived process whose environment no longer changes
    /// (a CLI): it calls this as early as it can, so that the work overlaps its own start-up. A process that changes
    /// <c>AWS_CONFIG_FILE</c>, <c>AWS_SHARED_CREDENTIALS_FILE</c> or <c>AWS_PROFILE</c> later must not call it, since
    /// AWSSDK.Core remembers where it found the files.
    /// </summary>
    public static void PrepareFirstCall() => WarmUp.Start();

    /// <summary>The Region requests are signed for.</summary>
    public string Region { get; }

    /// <summary>Where requests go.</summary>
    public Uri Endpoint { get; }

    /// <summary>Where StartSyncExecution goes: the <c>sync-states</c> host, or the endpoint override.</summary>
    public Uri SyncEndpoint { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        _http.Dispose();
        _credentials.Dispose();
    }

    /// <summary>
    /// <c>localhost</c> as <c>127.0.0.1</c>: local engines listen on the IPv4 loopback only (and an HTTP listener bound to
    /// 127.0.0.1 refuses a request whose Host is "localhost"), while "localhost" may resolve to ::1 first.
    /// </summary>
    private static Uri? LoopbackIPv4(Uri? url) =>
        url is { IsAbsoluteUri: true } && string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            ? new UriBuilder(url) { Host = "127.0.0.1" }.Uri
            : url;

    private static Uri DefaultEndpoint(string hostPrefix, string region)
    {
        var dnsSuffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://{hostPrefix}.{region}.{dnsSuffix}/");
    }

    private static void Validate(StepFunctionsClientOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, nameof(options.MaxRetries));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RetryBaseDelay, TimeSpan.Zero, nameof(options.RetryBaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RetryMaxDelay, options.RetryBaseDelay, nameof(options.RetryMaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RequestTimeout, TimeSpan.Zero, nameof(options.RequestTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.SyncExecutionTimeout, TimeSpan.Zero, nameof(options.SyncExecutionTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ConnectTimeout, TimeSpan.Zero, nameof(options.ConnectTimeout));
        if (options.CallTimeout is { } call)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(call, TimeSpan.Zero, nameof(options.CallTimeout));
        }

        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options.TimeProvider));
        if (options.EndpointUrl is { } url
            && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ArgumentException(
                $"The endpoint URL must be an absolute http or https URL, e.g. http://127.0.0.1:8083; got '{url}'.",
                nameof(options));
        }
    }

    /// <summary>
    /// The pause before retry <paramref name="retry"/> (1-based): exponential back-off with full jitter, as the AWS SDKs
    /// do — a random delay up to the base doubled per retry, capped at the maximum.
    /// </summary>
    private TimeSpan RetryDelay(int retry)
    {
        var ceiling = Math.Min(_retryMaxDelay.Ticks, _retryBaseDelay.Ticks * Math.Pow(2, retry - 1));
        return TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * ceiling));
    }

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        string action,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken,
        bool sync = false)
    {
        var body = Serialize(request, requestType);
        var endpoint = sync ? SyncEndpoint : Endpoint;
        var timeout = sync ? _syncExecutionTimeout : _requestTimeout;
        var limit = sync ? null : _callTimeout;
        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (limit is { } callTimeout)
        {
            call.CancelAfter(callTimeout);
        }

        var attempts = 0;
        try
        {
            // A plain loop rather than a resilience library: a CLI pays for every type it loads before its first request.
            while (true)
            {
                attempts++;
                try
                {
                    return await SendOnceAsync(action, body, responseType, endpoint, timeout, call.Token).ConfigureAwait(false);
                }
                catch (StepFunctionsException e) when (e.IsRetryable && attempts <= _maxRetries)
                {
                    var delay = RetryDelay(attempts);
                    _progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                        $"{e.Message.TrimEnd('.')}; retrying in {delay.TotalSeconds:0.0} s (retry {attempts} of {_maxRetries})."));
                    await Task.Delay(delay, _timeProvider, call.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && limit is not null)
        {
            throw new StepFunctionsException(
                StepFunctionsErrorKind.Network,
                "RequestTimeout",
                string.Create(CultureInfo.InvariantCulture,
                    $"{action}: no answer from {endpoint} within {limit.Value.TotalSeconds:0.###} s ({attempts} attempt{(attempts == 1 ? string.Empty : "s")})."),
                innerException: e);
        }
    }

    /// <summary>
    /// Serializes with minimal escaping, as the AWS CLI does: <c>"</c> becomes <c>\"</c>, not <c>\u0022</c>, so bodies stay
    /// readable in logs and byte-identical to what other SDKs send. (HTML-safe escaping protects nothing here.)
    /// </summary>
    private static byte[] Serialize<TRequest>(TRequest request, JsonTypeInfo<TRequest> requestType)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, request, requestType);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task<TResponse> SendOnceAsync<TResponse>(
        string action,
        byte[] body,
        JsonTypeInfo<TResponse> responseType,
        Uri endpoint,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        // Signed per attempt: a retry gets a fresh X-Amz-Date and, for refreshing credentials, fresh keys.
        var credentials = await _credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", TargetPrefix + action);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        SigV4Signer.Sign(request, body, credentials, Region, SigningName, _timeProvider.GetUtcNow());

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        var slowAfter = TimeSpan.FromTicks(Math.Min(timeout.Ticks / 2, TimeSpan.FromSeconds(5).Ticks));
        using var slow = _progress is { } progress
            ? _timeProvider.CreateTimer(
                _ => progress(string.Create(CultureInfo.InvariantCulture,
                    $"{action}: no answer from {endpoint} after {slowAfter.TotalSeconds:0.#} s; waiting up to {timeout.TotalSeconds:0.#} s.")),
                null, slowAfter, Timeout.InfiniteTimeSpan)
            : null;
        int status;
        byte[] responseBody;
        HttpResponseHeaders headers;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token)
                .ConfigureAwait(false);
            responseBody = await response.Content.ReadAsByteArrayAsync(attempt.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            headers = response.Headers;
            slow?.Dispose();
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StepFunctionsException(
                StepFunctionsErrorKind.Network,
                "RequestTimeout",
                $"{action}: no response from {endpoint} within {timeout.TotalSeconds:0.###} s.",
                innerException: e);
        }
        catch (HttpRequestException e)
        {
            throw new StepFunctionsException(
                StepFunctionsErrorKind.Network,
                "NetworkError",
                $"{action}: could not reach {endpoint}: {e.Message}",
                innerException: e);
        }

        if (status is < 200 or > 299)
        {
            throw ErrorMapper.FromResponse(status, headers, responseBody);
        }

        try
        {
            // Some local engines answer the no-output actions with an empty body.
            return (responseBody.Length == 0
                    ? JsonSerializer.Deserialize("{}"u8, responseType)
                    : JsonSerializer.Deserialize(responseBody, responseType))
                ?? throw new JsonException("The body is JSON null.");
        }
        catch (JsonException e)
        {
            throw new StepFunctionsException(
                StepFunctionsErrorKind.Unknown,
                "InvalidResponse",
                $"{action}: the response could not be read: {e.Message}",
                status,
                headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null,
                e);
        }
    }
}
