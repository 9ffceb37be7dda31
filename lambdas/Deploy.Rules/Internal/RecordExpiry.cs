using Deploy.Contracts;
using Deploy.Contracts.Flows;

namespace Deploy.Rules.Internal;

/// <summary>
/// When a deployment record expires: the execution's start plus the retention, in Unix epoch seconds, the format
/// DynamoDB's Time to Live reads (<see href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html">Computing
/// time to live</see>: a Number of seconds since 1970-01-01 UTC; a value in any other format is ignored). A state machine
/// cannot compute it itself (its intrinsic functions have no date arithmetic), so the ValidateRequest handler does.
/// </summary>
internal static class RecordExpiry
{
    /// <summary>The longest retention, in days (ten years).</summary>
    public const int MaxDays = 3650;

    private const string StartedAtField = "startedAt";
    private const string DaysField = "recordRetentionDays";
    private const int SecondsPerDay = 86_400;
    private static readonly string AllowedDays = $"use a whole number of days from 1 to {MaxDays}";

    /// <summary>The expiry of a record of an execution that started at <paramref name="startedAt"/>; null when neither is given.</summary>
    public static long? Read(string? startedAt, int? days, List<FieldError> errors)
    {
        if (startedAt is null && days is null)
        {
            return null;
        }

        if (days is null)
        {
            errors.Add(FieldError.Required(DaysField, AllowedDays));
        }
        else if (days < 1 || days > MaxDays)
        {
            errors.Add(FieldError.Invalid(DaysField, ReceivedText.Number(days.Value), AllowedDays));
        }

        var start = default(DateTimeOffset);
        if (startedAt is null)
        {
            errors.Add(FieldError.Required(StartedAtField, ContextTime.Allowed));
        }
        else if (!ContextTime.TryParse(startedAt, out start))
        {
            errors.Add(FieldError.Invalid(StartedAtField, ReceivedText.Quote(startedAt), ContextTime.Allowed));
        }

        return errors.Count > 0 ? null : start.ToUnixTimeSeconds() + ((long)days!.Value * SecondsPerDay);
    }
}
