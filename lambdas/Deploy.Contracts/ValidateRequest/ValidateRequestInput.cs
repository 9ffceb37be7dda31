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
}
