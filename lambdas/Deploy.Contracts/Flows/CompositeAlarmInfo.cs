using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>A composite alarm as <c>DescribeAlarms</c> returns it.</summary>
public sealed record CompositeAlarmInfo
{
    /// <summary>Its state value.</summary>
    [JsonPropertyName("StateValue")]
    public string StateValue { get; init; } = null!;
}
