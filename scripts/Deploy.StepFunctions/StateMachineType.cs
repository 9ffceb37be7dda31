using System.Text.Json.Serialization;
using Deploy.StepFunctions.Internal;

namespace Deploy.StepFunctions;

/// <summary>The workflow type of a state machine (<c>STANDARD</c> or <c>EXPRESS</c> on the wire).</summary>
[JsonConverter(typeof(StateMachineTypeJsonConverter))]
public enum StateMachineType
{
    /// <summary>A type this client does not know; never sent.</summary>
    Unknown,

    /// <summary><c>STANDARD</c>: durable, exactly-once, up to a year.</summary>
    Standard,

    /// <summary><c>EXPRESS</c>: at-least-once, up to five minutes.</summary>
    Express,
}
