using System.Net;
using System.Text;
using System.Text.Json;

namespace Deploy.StepFunctions.Tests.TestSupport;

/// <summary>An in-process HTTP handler: records each request and answers with <c>respond(request, index)</c>.</summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> _respond;
    private readonly List<(HttpRequestMessage Request, byte[] Body)> _requests = [];

    public StubHandler(Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> respond) => _respond = respond;

    public int Count
    {
        get
        {
            lock (_requests)
            {
                return _requests.Count;
            }
        }
    }

    public IReadOnlyList<(HttpRequestMessage Request, byte[] Body)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static StubHandler Sequence(params ServerResponse[] responses) =>
        new((_, index, _) => Task.FromResult(ToMessage(responses[Math.Min(index, responses.Length - 1)])));

    public static HttpResponseMessage ToMessage(ServerResponse response)
    {
        var message = new HttpResponseMessage((HttpStatusCode)response.Status)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(response.Body)),
        };
        message.Headers.TryAddWithoutValidation("x-amzn-RequestId", "stub-request-id");
        foreach (var header in response.Headers ?? new Dictionary<string, string>())
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return message;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        int index;
        lock (_requests)
        {
            index = _requests.Count;
            _requests.Add((request, body));
        }

        return await _respond(request, index, cancellationToken);
    }

    public JsonElement BodyJson(int index) => JsonDocument.Parse(Requests[index].Body).RootElement.Clone();
}
