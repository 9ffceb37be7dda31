using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>What LaunchTemplateRevert decided. Serialized by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RevertAction>))]
public enum RevertAction
{
    /// <summary>Apply the decision's UpdateAutoScalingGroup request.</summary>
    Revert,

    /// <summary>The group already has the recorded version and capacity (or the input was invalid; see the error).</summary>
    NothingToDo,
}
