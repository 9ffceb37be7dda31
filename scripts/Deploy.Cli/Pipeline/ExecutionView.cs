using System.Text.Json.Nodes;

namespace Deploy.Cli.Pipeline;

/// <summary>An execution as the CLI shows it. <see cref="Input"/> and <see cref="Output"/> are parsed JSON when known.</summary>
public sealed record ExecutionView(
    string Arn,
    string Name,
    string Status,
    DateTimeOffset Start,
    DateTimeOffset? Stop,
    JsonNode? Input = null,
    JsonNode? Output = null,
    string? Error = null,
    string? Cause = null)
{
    /// <summary>Whether the execution has ended.</summary>
    public bool Ended => Status is not "RUNNING" and not "PENDING_REDRIVE";

    /// <summary>Duration so far (or in all, once ended).</summary>
    public TimeSpan Elapsed(DateTimeOffset now) => (Stop ?? now) - Start;
}
