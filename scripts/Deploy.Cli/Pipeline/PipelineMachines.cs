namespace Deploy.Cli.Pipeline;

/// <summary>The state machines of one application and environment, found through the Step Functions API.</summary>
public sealed record PipelineMachines(string Application, string Environment, string Deploy, string Rollback, string HealthProbe)
{
    /// <summary>The Unlock state machine (<c>&lt;app&gt;-&lt;env&gt;-unlock</c>); <see langword="null"/> for a stack deployed before it existed.</summary>
    public string? Unlock { get; init; }
}
