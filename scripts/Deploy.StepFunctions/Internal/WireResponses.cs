using System.Text.Json;
using System.Text.Json.Serialization;

namespace Deploy.StepFunctions.Internal;

/// <summary>The body of a response with nothing in it (SendTaskSuccess, SendTaskFailure).</summary>
internal sealed record EmptyResponse;

/// <summary>GetExecutionHistory before each event is typed: the events stay raw so each keeps its JSON.</summary>
internal sealed record GetExecutionHistoryWireResponse
{
    public IReadOnlyList<JsonElement> Events { get; init; } = [];

    public string? NextToken { get; init; }
}

/// <summary>
/// An error body: <c>{"__type": "com.amazonaws.swf.service.v2.model#ExecutionDoesNotExist", "message": "…"}</c>.
/// Some front ends capitalize <c>Message</c> or send <c>code</c>.
/// </summary>
internal sealed record ErrorResponse
{
    [JsonPropertyName("__type")]
    public string? Type { get; init; }

    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("Message")]
    public string? CapitalizedMessage { get; init; }
}
