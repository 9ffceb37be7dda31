namespace Deploy.Cli.Pipeline;

/// <summary>One phase of a deployment's timeline (see <see cref="Timeline"/>).</summary>
/// <param name="Phase">The phase's name as the definition declares it: validate, lock, refused, prepare, grace, health, approval, traffic, bake, finalize, rollback, failed, retire.</param>
/// <param name="Step">The traffic step (1-based), for the traffic phase.</param>
/// <param name="Steps">How many steps the request's traffic plan has, for the traffic phase.</param>
/// <param name="Started">When the phase began.</param>
/// <param name="Duration">How long it lasted (so far, while it runs).</param>
/// <param name="Running">Whether the execution is still in this phase.</param>
/// <param name="Weights">The weights the rule showed in this phase, by color, when the flow read them.</param>
/// <param name="Verdicts">The health verdicts taken in this phase, counted by status.</param>
/// <param name="LastVerdict">The status of the phase's last verdict (Healthy, Unhealthy, Pending), if one was taken.</param>
/// <param name="LastReasons">The reasons of the phase's last verdict.</param>
/// <param name="Detail">What else the phase tells: the color prepared, the approval's answer, the error the execution ended with.</param>
public sealed record TimelineEntry(
    string Phase,
    int? Step,
    int? Steps,
    DateTimeOffset Started,
    TimeSpan Duration,
    bool Running,
    IReadOnlyDictionary<string, int>? Weights,
    IReadOnlyDictionary<string, int> Verdicts,
    string? LastVerdict,
    IReadOnlyList<string> LastReasons,
    string? Detail);
