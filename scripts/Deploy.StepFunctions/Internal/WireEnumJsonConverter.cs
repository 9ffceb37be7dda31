using System.Text.Json;
using System.Text.Json.Serialization;

namespace Deploy.StepFunctions.Internal;

/// <summary>
/// Maps an enum to the API's upper-case names. Unknown names read as the enum's default (its <c>Unknown</c> member)
/// instead of failing, because AWS adds values (PENDING_REDRIVE arrived in 2023).
/// </summary>
internal abstract class WireEnumJsonConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private readonly IReadOnlyDictionary<TEnum, string> _names;
    private readonly Dictionary<string, TEnum> _values;

    protected WireEnumJsonConverter(IReadOnlyDictionary<TEnum, string> names)
    {
        _names = names;
        _values = names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
    }

    /// <summary>The wire name of <paramref name="value"/>.</summary>
    public string ToWire(TEnum value) => _names.TryGetValue(value, out var name)
        ? name
        : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(TEnum).Name}.{value} has no API name and cannot be sent.");

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(TEnum).Name}, got {reader.TokenType}.");
        }

        return _values.TryGetValue(reader.GetString()!, out var value) ? value : default;
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ToWire(value));
}
