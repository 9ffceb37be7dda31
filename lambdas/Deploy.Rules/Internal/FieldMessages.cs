using System.Text.Json;
using Deploy.Contracts;

namespace Deploy.Rules.Internal;

/// <summary>The request-specific field errors, in the one message format of <see cref="FieldError"/>.</summary>
internal static class FieldMessages
{
    public static FieldError Invalid(string field, JsonElement received, string allowed) =>
        FieldError.Invalid(field, ReceivedText.Describe(received), allowed);

    public static FieldError Duplicate(string field) =>
        FieldError.Create(field, "appears more than once; give each field once");

    public static FieldError Unknown(string field)
    {
        foreach (var known in RequestFields.Known)
        {
            if (string.Equals(known, field, StringComparison.OrdinalIgnoreCase))
            {
                return FieldError.Create(field, $"unknown field; did you mean {known}?");
            }
        }

        return FieldError.Create(field, $"unknown field; allowed fields are {string.Join(", ", RequestFields.Known)}");
    }
}
