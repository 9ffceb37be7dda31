namespace Deploy.Cli.Pipeline;

/// <summary>
/// The state machines of one application and environment, found through the Step Functions API: Deploy, Rollback and
/// HealthProbe always; <see cref="Recovery"/> and <see cref="Unlock"/> when the stack has them (every stack of this version does).
/// </summary>
public sealed record PipelineMachines(string Application, string Environment, string Deploy, string Rollback, string HealthProbe, string? Recovery = null)
{
    /// <summary>The Unlock state machine (<c>&lt;app&gt;-&lt;env&gt;-unlock</c>); <see langword="null"/> for a stack deployed before it existed.</summary>
    public string? Unlock { get; init; }
}
