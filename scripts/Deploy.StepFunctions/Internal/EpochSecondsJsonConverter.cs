using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Deploy.StepFunctions.Internal;

/// <summary>
/// The JSON 1.0 protocol sends timestamps as epoch seconds, possibly fractional (<c>1700000000.123</c>).
/// An ISO 8601 string is accepted too, for local engines that send one.
/// </summary>
internal sealed class EpochSecondsJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetDecimal(out var seconds):
                return FromEpochSeconds(seconds);
            case JsonTokenType.String when DateTimeOffset.TryParse(
                reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed):
                return parsed;
            default:
                throw new JsonException($"Expected a timestamp (epoch seconds), got {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds() / 1000m);

    /// <summary>Converts epoch seconds to a UTC time, keeping millisecond precision.</summary>
    public static DateTimeOffset FromEpochSeconds(decimal seconds)
    {
        var milliseconds = decimal.Round(seconds * 1000m, MidpointRounding.AwayFromZero);
        if (milliseconds < -62_135_596_800_000m || milliseconds > 253_402_300_799_999m)
        {
            throw new JsonException($"The timestamp {seconds.ToString(CultureInfo.InvariantCulture)} is out of range.");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
    }
}
