using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Deploy.StepFunctions.Tests.TestSupport;

/// <summary>A request as it arrived on the wire.</summary>
internal sealed record RecordedRequest(string Method, string RawUrl, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new Xunit.Sdk.XunitException($"The request has no {name} header.");
}

/// <summary>What the server answers.</summary>
internal sealed record ServerResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static ServerResponse Ok(string body) => new(200, body);

    public static ServerResponse Error(int status, string type, string message) =>
        new(status, JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = type, ["message"] = message }, TestJson.Default.DictionaryStringString));
}

/// <summary>
/// A real HTTP server on 127.0.0.1 and a free port, answering each request with <c>respond(request, index)</c>.
/// Used where the bytes on the wire matter (signature, host header with port, content type as sent).
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<RecordedRequest, int, ServerResponse> _respond;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Task _loop;
    private int _count;

    private LoopbackServer(HttpListener listener, Uri url, Func<RecordedRequest, int, ServerResponse> respond)
    {
        _listener = listener;
        _respond = respond;
        Url = url;
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Url { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static LoopbackServer Start(Func<RecordedRequest, int, ServerResponse> respond)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var url = new Uri($"http://127.0.0.1:{port}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(url.ToString());
            try
            {
                listener.Start();
                return new LoopbackServer(listener, url, respond);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between probing and binding.
                listener.Close();
            }
        }
    }

    public static LoopbackServer Start(params ServerResponse[] responses) =>
        Start((_, index) => responses[Math.Min(index, responses.Length - 1)]);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }
        catch (HttpListenerException)
        {
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body).ConfigureAwait(false);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in context.Request.Headers.AllKeys)
            {
                headers[name!] = context.Request.Headers[name]!;
            }

            var request = new RecordedRequest(context.Request.HttpMethod, context.Request.RawUrl ?? "/", headers, body.ToArray());
            _requests.Enqueue(request);
            var response = _respond(request, Interlocked.Increment(ref _count) - 1);

            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = "application/x-amz-json-1.0";
            context.Response.Headers["x-amzn-RequestId"] = $"req-{_count}";
            foreach (var header in response.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[header.Key] = header.Value;
            }

            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
    }
}
