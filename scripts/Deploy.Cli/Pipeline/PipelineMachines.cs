namespace Deploy.Cli.Pipeline;

/// <summary>The three state machines of one application and environment, found through the Step Functions API.</summary>
public sealed record PipelineMachines(string Application, string Environment, string Deploy, string Rollback, string HealthProbe);
