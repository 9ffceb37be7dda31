namespace Deploy.Contracts.Flows;

/// <summary>Which color is live and which is idle during a deployment (<c>$.colors</c>), with their groups' names.</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record DeployColors
{
    /// <summary>The live color (<c>blue</c>/<c>green</c>).</summary>
    public string Live { get; init; } = null!;

    /// <summary>The idle color, the one being deployed.</summary>
    public string Idle { get; init; } = null!;

    /// <summary>The live color's Auto Scaling group name.</summary>
    public string LiveGroup { get; init; } = null!;

    /// <summary>The idle color's Auto Scaling group name.</summary>
    public string IdleGroup { get; init; } = null!;
}
