using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Deploy.Contracts;

/// <summary>
/// Describes a received value for the first half of a field message: strings as JSON string
/// literals, numbers and booleans with their type (<c>number 0</c>, <c>boolean true</c>), objects
/// and arrays by kind. Values are cut to 64 characters so a huge value cannot flood a cause.
/// </summary>
public static class ReceivedText
{
    private const int MaxLength = 64;

    /// <summary>Describes a JSON value, for example <c>"v 1"</c>, <c>number 5.5</c>, <c>an object</c> or <c>null</c>.</summary>
    /// <param name="value">The value received.</param>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Quote(value.GetString()!),
        JsonValueKind.Number => $"number {Truncate(value.GetRawText())}",
        JsonValueKind.True => "boolean true",
        JsonValueKind.False => "boolean false",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    /// <summary>Describes a number, for example <c>number 120</c> or <c>number 75.5</c>.</summary>
    /// <param name="value">The value received.</param>
    public static string Number(double value) => $"number {value.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The text as a JSON string literal, for example <c>"v 1"</c>.</summary>
    /// <param name="text">The text received.</param>
    public static string Quote(string text) =>
        $"\"{JsonEncodedText.Encode(Truncate(text), JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}\"";

    private static string Truncate(string text)
    {
        if (text.Length <= MaxLength)
        {
            return text;
        }

        // Never split a surrogate pair: the encoder rejects a lone surrogate.
        var cut = char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
