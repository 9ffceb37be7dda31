namespace Deploy.Contracts;

/// <summary>
/// One traffic change of a deployment, with both weights spelled out because the state machine cannot
/// subtract: the new color gets <see cref="NewWeight"/> percent, the previous color <see cref="OldWeight"/>.
/// </summary>
public sealed record TrafficStep
{
    /// <summary>Percent of traffic to the new color.</summary>
    public required int NewWeight { get; init; }

    /// <summary>Percent of traffic left on the previous color (100 - <see cref="NewWeight"/>).</summary>
    public required int OldWeight { get; init; }

    /// <summary>True for the final step (100 % to the new color).</summary>
    public required bool Last { get; init; }
}
