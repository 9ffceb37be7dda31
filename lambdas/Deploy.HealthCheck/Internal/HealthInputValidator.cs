using Deploy.Contracts;
using Deploy.Contracts.Flows;

namespace Deploy.HealthCheck.Internal;

/// <summary>
/// Checks the parts of a HealthCheck input the phase needs. Before traffic the metric thresholds and
/// <c>metricData</c> are ignored, so they are not checked either; <c>alarmState</c> is checked in both phases.
/// </summary>
internal static class HealthInputValidator
{
    public const string AllowedPhase = "use BeforeTraffic or AfterTraffic";
    public const string AllowedColor = "use blue or green";
    public const string AllowedThresholds =
        "use an object with minHealthyPercentage (0-100), and maxTarget5xxCount and maxP99ResponseTimeMs (0 or more) after traffic";
    public const string AllowedPercentage = "use a number from 0 to 100";
    public const string AllowedNonNegative = "use a number of 0 or more";
    public const string AllowedTargetHealth = "use the DescribeTargetHealth response for the color's target group";
    public const string AllowedMetricData = "use the GetMetricData response with ids target5xx, p99 and requests";
    public const string AllowedAlarmState = "use OK, ALARM or INSUFFICIENT_DATA";
    public const string AllowedExpectedTargets = "use the desired capacity of the color's group, a whole number of 0 or more";
    public const string AllowedTimestamps = "give one timestamp per value, as GetMetricData does";
    public const string AllowedTime = ContextTime.Allowed;

    /// <summary>
    /// The longest a measured time may be: a Standard execution runs for at most a year ("Step Functions service quotas",
    /// maximum execution time), so anything longer is not the time since a deployment started (and would not fit an int).
    /// </summary>
    public static readonly TimeSpan MaxElapsed = TimeSpan.FromDays(366);

    /// <summary>Checks <paramref name="input"/>; gives its phase and the elapsed seconds it measures (see <see cref="HealthVerdict.ElapsedSeconds"/>).</summary>
    public static List<FieldError> Validate(HealthCheckInput input, out HealthPhase phase, out int? elapsedSeconds)
    {
        var errors = new List<FieldError>();
        phase = ReadPhase(input.Phase, errors);
        if (input.Color is { } color && color is not ("blue" or "green"))
        {
            errors.Add(FieldError.Invalid("color", ReceivedText.Quote(color), AllowedColor));
        }

        var afterTraffic = phase == HealthPhase.AfterTraffic;
        ValidateThresholds(input.Thresholds, afterTraffic, errors);
        if (input.ExpectedTargets is < 0)
        {
            errors.Add(FieldError.Invalid("expectedTargets", ReceivedText.Number(input.ExpectedTargets.Value), AllowedExpectedTargets));
        }

        if (input.TargetHealth is null)
        {
            errors.Add(FieldError.Required("targetHealth", AllowedTargetHealth));
        }
        else if (input.TargetHealth.TargetHealthDescriptions is null)
        {
            errors.Add(FieldError.Required("targetHealth.TargetHealthDescriptions", AllowedTargetHealth));
        }

        if (afterTraffic)
        {
            ValidateAfterTrafficInputs(input, errors);
        }

        if (input.AlarmState is { } alarm && alarm is not (AlarmStates.Ok or AlarmStates.Alarm or AlarmStates.InsufficientData))
        {
            errors.Add(FieldError.Invalid("alarmState", ReceivedText.Quote(alarm), AllowedAlarmState));
        }

        elapsedSeconds = Elapsed(input, errors);
        return errors;
    }

    /// <summary>
    /// Whole seconds from <c>deploymentStartedAt</c> to <c>evaluatedAt</c>; null when either is missing. Both are Context
    /// object times (ISO-8601, "Accessing execution data from the Context object in Step Functions"); a verdict taken before
    /// the deployment started, or more than <see cref="MaxElapsed"/> after, cannot be the time a deployment ran.
    /// </summary>
    private static int? Elapsed(HealthCheckInput input, List<FieldError> errors)
    {
        var started = ReadTime("deploymentStartedAt", input.DeploymentStartedAt, errors);
        var evaluated = ReadTime("evaluatedAt", input.EvaluatedAt, errors);
        if (started is not { } from || evaluated is not { } to)
        {
            return null;
        }

        var elapsed = to - from;
        if (elapsed < TimeSpan.Zero || elapsed > MaxElapsed)
        {
            errors.Add(FieldError.Invalid("evaluatedAt", ReceivedText.Quote(input.EvaluatedAt!),
                $"use a time from deploymentStartedAt ({input.DeploymentStartedAt}) to {MaxElapsed.TotalDays:0} days after it"));
            return null;
        }

        return (int)Math.Floor(elapsed.TotalSeconds);
    }

    private static DateTimeOffset? ReadTime(string field, string? text, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (ContextTime.TryParse(text, out var time))
        {
            return time;
        }

        errors.Add(FieldError.Invalid(field, ReceivedText.Quote(text), AllowedTime));
        return null;
    }

    private static HealthPhase ReadPhase(string? phase, List<FieldError> errors)
    {
        switch (phase)
        {
            case nameof(HealthPhase.BeforeTraffic):
                return HealthPhase.BeforeTraffic;
            case nameof(HealthPhase.AfterTraffic):
                return HealthPhase.AfterTraffic;
            case null:
                errors.Add(FieldError.Required("phase", AllowedPhase));
                return HealthPhase.BeforeTraffic;
            default:
                errors.Add(FieldError.Invalid("phase", ReceivedText.Quote(phase), AllowedPhase));
                return HealthPhase.BeforeTraffic;
        }
    }

    private static void ValidateThresholds(HealthThresholds? thresholds, bool afterTraffic, List<FieldError> errors)
    {
        if (thresholds is null)
        {
            errors.Add(FieldError.Required("thresholds", AllowedThresholds));
            return;
        }

        Check("thresholds.minHealthyPercentage", thresholds.MinHealthyPercentage, required: true, 100, AllowedPercentage, errors);
        if (afterTraffic)
        {
            Check("thresholds.maxTarget5xxCount", thresholds.MaxTarget5xxCount, required: true, double.MaxValue, AllowedNonNegative, errors);
            Check("thresholds.maxP99ResponseTimeMs", thresholds.MaxP99ResponseTimeMs, required: true, double.MaxValue, AllowedNonNegative, errors);
            Check("thresholds.maxTarget5xxPercent", thresholds.MaxTarget5xxPercent, required: false, 100, AllowedPercentage, errors);
        }
    }

    private static void Check(string field, double? value, bool required, double maximum, string allowed, List<FieldError> errors)
    {
        if (value is not { } number)
        {
            if (required)
            {
                errors.Add(FieldError.Required(field, allowed));
            }
        }
        else if (number < 0 || number > maximum)
        {
            errors.Add(FieldError.Invalid(field, ReceivedText.Number(number), allowed));
        }
    }

    private static void ValidateAfterTrafficInputs(HealthCheckInput input, List<FieldError> errors)
    {
        if (input.MetricData is null)
        {
            errors.Add(FieldError.Create("metricData", $"is required when phase is AfterTraffic; {AllowedMetricData}"));
        }
        else if (input.MetricData.MetricDataResults is null)
        {
            errors.Add(FieldError.Create("metricData.MetricDataResults", $"is required when phase is AfterTraffic; {AllowedMetricData}"));
        }
        else
        {
            ValidateTimestamps(input.MetricData.MetricDataResults, errors);
        }
    }

    /// <summary>
    /// The 5XX and request values are matched minute by minute through their timestamps, which GetMetricData gives one
    /// per value ("The number of timestamps always matches the number of values", API reference, MetricDataResult).
    /// </summary>
    private static void ValidateTimestamps(IReadOnlyList<MetricDataResult?> results, List<FieldError> errors)
    {
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i] is { Id: HealthMetricIds.Target5xx or HealthMetricIds.Requests, Values: { Count: > 0 } values } result
                && result.Timestamps?.Count != values.Count)
            {
                errors.Add(FieldError.Create(
                    $"metricData.MetricDataResults[{i}].Timestamps",
                    $"has {result.Timestamps?.Count ?? 0} timestamps for {values.Count} values; {AllowedTimestamps}"));
            }
        }
    }
}
