using System.Globalization;

namespace Deploy.Contracts.Flows;

/// <summary>
/// The times of Step Functions' Context object (<c>$$.Execution.StartTime</c>, <c>$$.State.EnteredTime</c>): ISO-8601
/// with seconds, an optional fraction and a zone (<see href="https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html">Context
/// object</see>). The handlers that measure from them read no clock of their own.
/// </summary>
public static class ContextTime
{
    /// <summary>What a time must look like, as a field error says it.</summary>
    public const string Allowed = "use an ISO-8601 time with Z or an offset, as Step Functions writes $$.Execution.StartTime (for example 2026-01-01T10:00:00.000Z)";

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
    ];

    /// <summary>Reads <paramref name="text"/> as a Context-object time; false for anything else.</summary>
    public static bool TryParse(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
}
