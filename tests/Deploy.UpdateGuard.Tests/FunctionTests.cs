using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Deploy.UpdateGuard.Tests.GuardRequests;

namespace Deploy.UpdateGuard.Tests;

public class FunctionTests
{
    [Fact]
    public void Handler_RefusedUpdate_PutsTheFailedResponseToTheUrlWithoutContentType()
    {
        // Arrange
        var recorder = new Recorder(HttpStatusCode.OK);
        var old = Properties("webapp-staging/Fleet", new JsonObject { ["A"] = "1" });
        var request = Request("Update", Properties("webapp-staging/Fleet", new JsonObject { ["A"] = "2" }), old);

        // Act
        using var output = new Function(new HttpClient(recorder)).Handler(Json(request));

        // Assert
        var sent = Assert.Single(recorder.Requests);
        Assert.Equal((HttpMethod.Put, Url), (sent.Method, sent.Url));
        Assert.Null(sent.ContentType);
        var body = JsonNode.Parse(sent.Body)!;
        Assert.Equal("FAILED", (string?)body["Status"]);
        Assert.Equal("webapp-staging/Fleet refused this stack update, which CloudFormation rolls back: A would change from \"1\" to \"2\".", (string?)body["Reason"]);
        Assert.Equal(["Status", "Reason", "PhysicalResourceId", "StackId", "RequestId", "LogicalResourceId", "NoEcho"], body.AsObject().Select(p => p.Key));
        Assert.Equal(sent.Body, new StreamReader(output).ReadToEnd());
    }

    [Fact]
    public void Handler_ResponseUrlAnswersForbidden_ThrowsSoLambdaRetries()
    {
        var function = new Function(new HttpClient(new Recorder(HttpStatusCode.Forbidden)));

        var error = Assert.Throws<HttpRequestException>(() => function.Handler(Json(Request("Create", Properties("s", new JsonObject())))));

        Assert.Equal("The response to CloudFormation was refused: HTTP 403 denied", error.Message);
    }

    [Fact]
    public void Handler_NotARequest_ThrowsInvalidData()
    {
        var function = new Function(new HttpClient(new Recorder(HttpStatusCode.OK)));

        var error = Assert.Throws<InvalidDataException>(() => function.Handler(new MemoryStream(Encoding.UTF8.GetBytes("{\"RequestType\":\"Create\"}"))));

        Assert.StartsWith("The input is not a CloudFormation custom resource request: ", error.Message, StringComparison.Ordinal);
    }

    private static MemoryStream Json(CustomResourceRequest request) =>
        new(JsonSerializer.SerializeToUtf8Bytes(request, UpdateGuardJsonContext.Default.CustomResourceRequest));

    private sealed record Sent(HttpMethod Method, string Url, string? ContentType, string Body);

    private sealed class Recorder(HttpStatusCode status) : HttpMessageHandler
    {
        public List<Sent> Requests { get; } = new();

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(new Sent(request.Method, request.RequestUri!.ToString(), request.Content?.Headers.ContentType?.ToString(),
                request.Content is null ? "" : Encoding.UTF8.GetString(request.Content.ReadAsByteArrayAsync(cancellationToken).GetAwaiter().GetResult())));
            return new HttpResponseMessage(status) { Content = new StringContent(status == HttpStatusCode.OK ? "" : "denied") };
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));
    }
}
