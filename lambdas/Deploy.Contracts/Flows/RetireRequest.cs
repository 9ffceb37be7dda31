namespace Deploy.Contracts.Flows;

/// <summary>The input of a retire execution (<c>$.retirePrevious</c>), started by a successful deployment.</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record RetireRequest
{
    /// <summary>The previous color, to retire.</summary>
    public string Color { get; init; } = null!;

    /// <summary>Its Auto Scaling group name.</summary>
    public string Group { get; init; } = null!;

    /// <summary>The color the deployment made live.</summary>
    public string NewLiveColor { get; init; } = null!;

    /// <summary>The deployment's execution ARN.</summary>
    public string Deployment { get; init; } = null!;
}
