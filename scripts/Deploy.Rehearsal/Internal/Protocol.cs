using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Internal;

/// <summary>
/// The JSON-lines messages exchanged with scripts/rehearsal/engine.mjs (the protocol is described at
/// the top of that file). Messages are written with <see cref="Utf8JsonWriter"/> so that caller
/// nodes (definitions, inputs, outputs) are serialized in place, never re-parented or copied.
/// </summary>
internal static class Protocol
{
    public static byte[] Run(int id, JsonObject definition, JsonNode? input, JsonObject? context, DateTimeOffset? now, bool validate) =>
        Write(w =>
        {
            w.WriteString("type", "run");
            w.WriteNumber("id", id);
            w.WritePropertyName("definition");
            definition.WriteTo(w);
            WriteNode(w, "input", input);
            WriteNode(w, "context", context);
            WriteNow(w, now);
            w.WriteBoolean("validate", validate);
        });

    public static byte[] TaskResult(int taskId, JsonNode? output, DateTimeOffset? now) =>
        Write(w =>
        {
            w.WriteString("type", "taskResult");
            w.WriteNumber("id", taskId);
            WriteNode(w, "output", output);
            WriteNow(w, now);
        });

    public static byte[] TaskError(int taskId, string error, string? cause, DateTimeOffset? now) =>
        Write(w =>
        {
            w.WriteString("type", "taskError");
            w.WriteNumber("id", taskId);
            w.WriteString("error", error);
            w.WriteString("cause", cause);
            WriteNow(w, now);
        });

    public static byte[] Abort(int runId) =>
        Write(w =>
        {
            w.WriteString("type", "abort");
            w.WriteNumber("id", runId);
        });

    public static byte[] Shutdown() => Write(w => w.WriteString("type", "shutdown"));

    /// <summary>The ISO-8601 form the engine puts in <c>$$.State.EnteredTime</c> (UTC, milliseconds), as AWS formats it.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static JsonObject Parse(string line) =>
        JsonNode.Parse(line) as JsonObject ?? throw new RehearsalException($"The rehearsal engine sent a line that is not a JSON object: {Shorten(line)}");

    public static string TypeOf(JsonObject message) => (string?)message["type"] ?? string.Empty;

    public static TaskCall ParseTask(JsonObject message)
    {
        var wait = message["wait"] as JsonObject;
        return new TaskCall
        {
            TaskId = (int)message["id"]!,
            RunId = (int)message["run"]!,
            StateName = (string)message["state"]!,
            Resource = (string?)message["resource"] ?? string.Empty,
            Input = Detach(message, "input"),
            WaitSeconds = (double?)wait?["seconds"],
            WaitTimestamp = (string?)wait?["timestamp"],
            HeartbeatSeconds = (int?)message["heartbeatSeconds"],
            TimeoutSeconds = (int?)message["timeoutSeconds"],
            TaskToken = (string?)message["taskToken"],
            RetryCount = (int?)message["retryCount"] ?? 0,
            RetryBackoffSeconds = (double?)message["retryBackoffSeconds"],
        };
    }

    /// <summary>The runResult's status: SUCCEEDED, FAILED or ABORTED.</summary>
    public static string StatusOf(JsonObject runResult) => (string?)runResult["status"] ?? string.Empty;

    public static ExecutionResult ParseRunResult(JsonObject message)
    {
        var status = StatusOf(message) switch
        {
            "SUCCEEDED" => ExecutionStatus.Succeeded,
            "FAILED" => ExecutionStatus.Failed,
            "ABORTED" => ExecutionStatus.Aborted,
            var other => throw new RehearsalException($"The rehearsal engine reported an unknown execution status '{other}'."),
        };
        var events = new List<ExecutionEvent>();
        if (message["events"] is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is JsonObject e)
                {
                    events.Add(ParseEvent(e));
                }
            }
        }

        return new ExecutionResult
        {
            RunId = (int)message["id"]!,
            Status = status,
            Output = Detach(message, "output"),
            Error = (string?)message["error"],
            Cause = (string?)message["cause"],
            Events = events,
        };
    }

    private static ExecutionEvent ParseEvent(JsonObject e) => new()
    {
        Type = (string?)e["type"] ?? string.Empty,
        State = (string?)e["state"],
        StateType = (string?)e["stateType"],
        OriginalType = (string?)e["originalType"],
        Resource = (string?)e["resource"],
        RetryAttempt = (int?)e["retryAttempt"],
        RetryBackoffSeconds = (double?)e["retryBackoffSeconds"],
        Error = (string?)e["error"],
        Cause = (string?)e["cause"],
        Index = (int?)e["index"],
    };

    /// <summary>Removes a property and returns its value without a parent, so callers may put it into other nodes.</summary>
    private static JsonNode? Detach(JsonObject message, string name)
    {
        if (!message.TryGetPropertyValue(name, out var value))
        {
            return null;
        }

        message.Remove(name);
        return value;
    }

    private static void WriteNode(Utf8JsonWriter w, string name, JsonNode? node)
    {
        w.WritePropertyName(name);
        if (node is null)
        {
            w.WriteNullValue();
        }
        else
        {
            node.WriteTo(w);
        }
    }

    private static void WriteNow(Utf8JsonWriter w, DateTimeOffset? now)
    {
        if (now is { } time)
        {
            w.WriteString("now", FormatTime(time));
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
