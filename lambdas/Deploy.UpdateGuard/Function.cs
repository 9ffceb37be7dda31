using System.Text;
using System.Text.Json;
using Deploy.Contracts;

namespace Deploy.UpdateGuard;

/// <summary>
/// The UpdateGuard Lambda handler (<c>Deploy.UpdateGuard::Deploy.UpdateGuard.Function::Handler</c> on the managed
/// <c>dotnet10</c> runtime), the service token of <c>Custom::UpdateGuard</c> resources. Reads CloudFormation's request,
/// decides with <see cref="UpdateGuardRules"/> and PUTs the response to the request's pre-signed URL
/// (<see href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/crpg-ref-responses.html">custom resource responses</see>):
/// no AWS SDK, no AWS call.
/// </summary>
public sealed class Function
{
    private static readonly HttpClient SharedClient = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly HttpClient _client;

    /// <summary>The handler as Lambda creates it.</summary>
    public Function()
        : this(SharedClient)
    {
    }

    /// <summary>A handler that sends its responses with <paramref name="client"/> (tests).</summary>
    internal Function(HttpClient client) => _client = client;

    /// <summary>Handles one request.</summary>
    /// <param name="input">A <see cref="CustomResourceRequest"/> as JSON.</param>
    /// <returns>The <see cref="CustomResourceResponse"/> that was sent, as JSON.</returns>
    /// <exception cref="InvalidDataException">The input is not a custom resource request: there is no URL to answer.</exception>
    /// <exception cref="HttpRequestException">The response could not be delivered (Lambda retries the asynchronous invocation).</exception>
    public Stream Handler(Stream input)
    {
        CustomResourceRequest request;
        try
        {
            request = JsonSerializer.Deserialize(input, UpdateGuardJsonContext.Default.CustomResourceRequest)
                ?? throw new InvalidDataException("The input is the JSON literal null, not a CloudFormation custom resource request.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The input is not a CloudFormation custom resource request: {exception.Message}", exception);
        }

        var response = UpdateGuardRules.Decide(request);
        using var payload = HandlerPayload.Write(response, UpdateGuardJsonContext.Default.CustomResourceResponse);
        var body = payload.ToArray();
        // The logs get the decision, never the request: its ResponseURL is a pre-signed URL.
        Console.WriteLine($"{request.RequestType} {request.LogicalResourceId}: {response.Status} {response.Reason}");
        Send(request.ResponseUrl, body);
        return new MemoryStream(body, writable: false);
    }

    private void Send(string url, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        // The URL is signed without a content type (the documented examples send an empty one): send none.
        content.Headers.ContentType = null;
        content.Headers.ContentLength = body.Length;
        using var message = new HttpRequestMessage(HttpMethod.Put, url) { Content = content };
        using var answer = _client.Send(message);
        if (!answer.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The response to CloudFormation was refused: HTTP {(int)answer.StatusCode} {Encoding.UTF8.GetString(Read(answer))}");
        }
    }

    private static byte[] Read(HttpResponseMessage answer)
    {
        using var stream = answer.Content.ReadAsStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
