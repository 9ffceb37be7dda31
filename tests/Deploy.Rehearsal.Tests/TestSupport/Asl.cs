using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Tests.TestSupport;

internal static class Asl
{
    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    public static JsonNode? Json(string json) => JsonNode.Parse(json);

    public static ITaskHandler Echo { get; } = TaskHandler.From(call => TaskOutcome.Success(call.Input?.DeepClone()));

    /// <summary>A handler that records every call and answers with <paramref name="answer"/>.</summary>
    public static ITaskHandler Recording(List<TaskCall> calls, Func<TaskCall, TaskOutcome> answer) =>
        TaskHandler.From(call =>
        {
            calls.Add(call);
            return answer(call);
        });

    public static bool JsonEquals(string expected, JsonNode? actual) =>
        JsonNode.DeepEquals(JsonNode.Parse(expected), actual);
}
