using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Deploy.Contracts;

/// <summary>Reads a handler's JSON input stream and writes its output stream, with source-generated metadata only.</summary>
public static class HandlerPayload
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Deserializes <paramref name="input"/>. Input that is not JSON, not of the expected shape, or
    /// the JSON literal <c>null</c> yields a <see cref="DeployErrors.MalformedInput"/> error instead
    /// of an exception.
    /// </summary>
    /// <param name="input">The raw payload.</param>
    /// <param name="typeInfo">The input type's metadata from <see cref="DeployJsonContext"/>.</param>
    /// <param name="handlerName">The handler's name, used in the error's cause.</param>
    /// <param name="value">The input, when it could be read.</param>
    /// <param name="error">The error, when it could not.</param>
    /// <returns><see langword="true"/> when the input was read.</returns>
    public static bool TryRead<T>(
        Stream input,
        JsonTypeInfo<T> typeInfo,
        string handlerName,
        [NotNullWhen(true)] out T? value,
        [NotNullWhen(false)] out DeployError? error)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            value = JsonSerializer.Deserialize(input, typeInfo);
        }
        catch (JsonException exception)
        {
            value = null;
            error = Malformed(handlerName, $"is not valid JSON of the expected shape ({exception.Message})");
            return false;
        }

        if (value is null)
        {
            error = Malformed(handlerName, "is the JSON literal null; a JSON object is required");
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>
    /// Serializes <paramref name="value"/> into a new stream positioned at its start. Only what JSON
    /// requires is escaped (the output goes to Step Functions, never into HTML), so messages stay
    /// readable in the console: <c>"v 1"</c> rather than <c>\u0022v 1\u0022</c>.
    /// </summary>
    /// <param name="value">The output.</param>
    /// <param name="typeInfo">The output type's metadata from <see cref="DeployJsonContext"/>.</param>
    public static MemoryStream Write<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        output.Position = 0;
        return output;
    }

    private static DeployError Malformed(string handlerName, string problem) => new()
    {
        Name = DeployErrors.MalformedInput,
        Cause = $"The {handlerName} input {problem}.",
    };
}
