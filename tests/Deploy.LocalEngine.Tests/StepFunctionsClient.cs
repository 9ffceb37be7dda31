using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Deploy.LocalEngine.Tests;

/// <summary>Raw JSON 1.0 calls, as the operator CLI makes them.</summary>
public sealed class StepFunctionsClient(string endpoint) : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    private readonly HttpClient _http = new() { BaseAddress = new Uri(endpoint), Timeout = TimeSpan.FromSeconds(60) };

    public async Task<(HttpStatusCode Status, JsonObject Body)> Send(string action, JsonObject request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/");
        message.Headers.Add("X-Amz-Target", "AWSStepFunctions." + action);
        message.Content = new StringContent(request.ToJsonString(), Encoding.UTF8);
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.0");
        using var response = await _http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>Calls an action that must succeed.</summary>
    public async Task<JsonObject> Call(string action, JsonObject request)
    {
        var (status, body) = await Send(action, request);
        Assert.True(status == HttpStatusCode.OK, $"{action} answered {(int)status}: {body.ToJsonString()}");
        return body;
    }

    public async Task<string> MachineArn(string name)
    {
        var machines = await Call("ListStateMachines", new JsonObject());
        return machines["stateMachines"]!.AsArray().Select(m => (string)m!["stateMachineArn"]!).Single(a => a.EndsWith(":" + name, StringComparison.Ordinal));
    }

    public async Task<string> Start(string machine, string input)
    {
        var started = await Call("StartExecution", new JsonObject { ["stateMachineArn"] = await MachineArn(machine), ["input"] = input });
        return (string)started["executionArn"]!;
    }

    /// <summary>Polls DescribeExecution until <paramref name="done"/> holds (short sleeps, bounded).</summary>
    public async Task<JsonObject> WaitFor(string executionArn, Func<JsonObject, bool> done, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var described = await Call("DescribeExecution", new JsonObject { ["executionArn"] = executionArn });
            if (done(described))
            {
                return described;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {executionArn}: {described.ToJsonString()}");
            await Task.Delay(PollInterval);
        }
    }

    public Task<JsonObject> WaitUntilDone(string executionArn) => WaitFor(executionArn, d => (string)d["status"]! != "RUNNING");

    public async Task<List<JsonObject>> History(string executionArn, JsonObject? extra = null)
    {
        var events = new List<JsonObject>();
        string? token = null;
        do
        {
            var request = new JsonObject { ["executionArn"] = executionArn };
            foreach (var (key, value) in extra ?? [])
            {
                request[key] = value?.DeepClone();
            }

            if (token is not null)
            {
                request["nextToken"] = token;
            }

            var page = await Call("GetExecutionHistory", request);
            events.AddRange(page["events"]!.AsArray().Select(e => e!.AsObject()));
            token = (string?)page["nextToken"];
        }
        while (token is not null);
        return events;
    }

    public void Dispose() => _http.Dispose();
}
