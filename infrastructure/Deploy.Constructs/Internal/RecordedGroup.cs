namespace Deploy.Constructs.Internal;

/// <summary>What a failed group ran before the deployment that changed it: paths (or intrinsics) to the values.</summary>
/// <param name="LaunchTemplateVersion">Its launch-template version.</param>
/// <param name="MinSize">Its minimum size.</param>
/// <param name="MaxSize">Its maximum size.</param>
/// <param name="DesiredCapacity">Its desired capacity.</param>
internal sealed record RecordedGroup(string LaunchTemplateVersion, string MinSize, string MaxSize, string DesiredCapacity);
