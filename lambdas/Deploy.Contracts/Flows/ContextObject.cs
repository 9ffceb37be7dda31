using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>The context object of an execution (<c>$$</c>), as far as the flows read it (Step Functions developer guide, "Accessing the Context object").</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record ContextObject
{
    /// <summary>The execution: its ARN, name and start time.</summary>
    [JsonPropertyName("Execution")]
    public ExecutionContext Execution { get; init; } = null!;

    /// <summary>The state being entered.</summary>
    [JsonPropertyName("State")]
    public StateContext State { get; init; } = null!;

    /// <summary>The item a Map iteration processes.</summary>
    [JsonPropertyName("Map")]
    public MapContext Map { get; init; } = null!;

    /// <summary>The task of a <c>.waitForTaskToken</c> state.</summary>
    [JsonPropertyName("Task")]
    public TaskContext Task { get; init; } = null!;
}
