using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>
/// Reads <see cref="MetricDataResult.Timestamps"/> as the text of each element, whether the response wrote a
/// timestamp as a string (ISO-8601) or as a number (epoch seconds): the handlers only match timestamps with each
/// other, so no format is assumed. Writes them back as strings.
/// </summary>
public sealed class MetricTimestampsConverter : JsonConverter<IReadOnlyList<string>>
{
    /// <inheritdoc />
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Timestamps must be an array.");
        }

        var timestamps = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            timestamps.Add(reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString()!,
                JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
                _ => throw new JsonException("Each timestamp must be a string or a number."),
            });
        }

        return timestamps;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var timestamp in value)
        {
            writer.WriteStringValue(timestamp);
        }

        writer.WriteEndArray();
    }
}
