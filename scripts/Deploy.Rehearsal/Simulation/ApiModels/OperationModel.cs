namespace Deploy.Rehearsal.Simulation.ApiModels;

/// <summary>One operation of a botocore service model.</summary>
/// <param name="Name">The operation's name (<c>ModifyRule</c>).</param>
/// <param name="Input">Its input shape, if it takes one.</param>
/// <param name="Output">Its output shape, if it returns one.</param>
/// <param name="Errors">The errors the model lists for it: shape name and wire code.</param>
public sealed record OperationModel(string Name, string? Input, string? Output, IReadOnlyList<(string Shape, string Code)> Errors);
