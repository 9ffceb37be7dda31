namespace Deploy.LaunchTemplateRevert.Internal;

/// <summary>The deployment record's revert information, complete and checked.</summary>
internal sealed record RecordedState(string GroupName, string LaunchTemplateId, long Version, Capacity Capacity);
