namespace Deploy.Rehearsal.Simulation.Alarms;

/// <summary>The outcome of one evaluation of a metric alarm: its state, and the datapoints that decided it.</summary>
/// <param name="State">OK, ALARM or INSUFFICIENT_DATA.</param>
/// <param name="Evaluated">The real datapoints the decision used (oldest first), with their period start.</param>
/// <param name="Breaching">How many of the evaluated datapoints (filled ones included) breach.</param>
/// <param name="Considered">How many datapoints (real and filled) were considered.</param>
/// <param name="Retained">Whether the state was kept as it was (<c>ignore</c>, or no decision possible).</param>
public sealed record AlarmEvaluation(string State, IReadOnlyList<(DateTimeOffset At, double Value)> Evaluated, int Breaching, int Considered, bool Retained);
