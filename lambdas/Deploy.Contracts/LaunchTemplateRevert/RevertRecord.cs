using System.Text.Json;

namespace Deploy.Contracts;

/// <summary>What a deployment recorded about a group before changing it: the state to revert to.</summary>
public sealed record RevertRecord
{
    /// <summary>Required. The Auto Scaling group's name.</summary>
    public string? GroupName { get; init; }

    /// <summary>Required. The launch template the group used, for example <c>lt-0123456789abcdef0</c>.</summary>
    public string? LaunchTemplateId { get; init; }

    /// <summary>
    /// Required. The numbered launch-template version the group used before: a positive integer,
    /// as a JSON string or number. Never <c>$Latest</c> or <c>$Default</c>.
    /// </summary>
    public JsonElement? PreviousLaunchTemplateVersion { get; init; }

    /// <summary>Required. The group's size before the deployment.</summary>
    public CapacitySnapshot? PreviousCapacity { get; init; }
}
