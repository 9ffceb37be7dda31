namespace Deploy.Contracts.Flows;

/// <summary>The launch-template version a deployment pins the idle group to (<c>$.newVersion</c>).</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record NewLaunchTemplateVersion
{
    /// <summary>The version number.</summary>
    public long Number { get; init; }
}
