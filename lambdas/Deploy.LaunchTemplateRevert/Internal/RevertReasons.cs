namespace Deploy.LaunchTemplateRevert.Internal;

/// <summary>The reason and conflict texts. Tests assert them verbatim: operators read them in notifications.</summary>
internal static class RevertReasons
{
    public static string Conflict(string groupName, string actual, string recordedTemplateId) =>
        $"Auto Scaling group \"{groupName}\" uses {actual} instead of launch template {recordedTemplateId} recorded by the deployment; "
        + "it was changed outside the pipeline, so it is not reverted automatically.";

    public static string NothingToDo(string groupName, string templateId, long version, Capacity capacity) =>
        $"Auto Scaling group \"{groupName}\" already uses launch template {templateId} version {version} with {capacity}.";

    public static string Revert(string groupName, string templateId, string? currentVersion, Capacity current, long version, Capacity recorded) =>
        $"Auto Scaling group \"{groupName}\" uses launch template {templateId} version {currentVersion ?? "(none)"} with {current}; "
        + $"revert to version {version} with {recorded}.";
}
