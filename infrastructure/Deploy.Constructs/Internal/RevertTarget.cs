namespace Deploy.Constructs.Internal;

/// <summary>The failed color a <see cref="RevertFailedColor"/> reverts.</summary>
/// <param name="Suffix">What the state names end with.</param>
/// <param name="ScaleDownId">The name of the scale-down state.</param>
/// <param name="Group">The failed group.</param>
/// <param name="Recorded">What it ran before the deployment that changed it.</param>
internal sealed record RevertTarget(string Suffix, string ScaleDownId, GroupRef Group, RecordedGroup Recorded);
