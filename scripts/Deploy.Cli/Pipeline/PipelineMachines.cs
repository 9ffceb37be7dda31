namespace Deploy.Cli.Pipeline;

/// <summary>
/// The state machines of one application and environment, found through the Step Functions API: Deploy, Rollback and
/// HealthProbe always; <see cref="Recovery"/> when the stack has it (every stack of this version does).
/// </summary>
public sealed record PipelineMachines(string Application, string Environment, string Deploy, string Rollback, string HealthProbe, string? Recovery = null);
