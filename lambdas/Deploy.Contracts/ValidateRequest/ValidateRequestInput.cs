using System.Text.Json;

namespace Deploy.Contracts;

/// <summary>The ValidateRequest handler's input: the operator's raw request and the environment defaults.</summary>
public sealed record ValidateRequestInput
{
    /// <summary>
    /// The raw deployment request, kept as JSON so every bad field can be reported, including
    /// fields of the wrong JSON type. A JSON string holding the request's JSON is also accepted.
    /// </summary>
    public JsonElement? Request { get; init; }

    /// <summary>The environment's defaults. Default: the built-in defaults (see <see cref="RequestDefaults"/>).</summary>
    public RequestDefaults? Defaults { get; init; }

    /// <summary>
    /// When the Deploy execution started (its <c>$$.Execution.StartTime</c>, an ISO-8601 time with a UTC designator or
    /// offset): the start of its deployment record's retention. Optional; with <see cref="RecordRetentionDays"/> it gives
    /// <see cref="ValidateRequestOutput.RecordExpiresAt"/>. The handler reads no clock.
    /// </summary>
    public string? StartedAt { get; init; }

    /// <summary>How many days the deployment record is kept (1–3650; the stack's <c>RecordRetention</c>). Optional.</summary>
    public int? RecordRetentionDays { get; init; }
}
