namespace Deploy.LocalEngine;

/// <summary>How to start a <see cref="LocalEngineServer"/>.</summary>
public sealed record LocalEngineOptions
{
    /// <summary>The port the listener binds on 127.0.0.1. Default: 8083. <c>0</c> picks a free port (see <see cref="LocalEngineServer.Port"/>).</summary>
    public const int DefaultPort = 8083;

    /// <summary>The cdk.out directory: every <c>*.template.json</c> with the Deploy, Rollback and HealthProbe state machines becomes one environment.</summary>
    public required string CdkOut { get; init; }

    /// <summary>The port on 127.0.0.1; <c>0</c> picks a free one. Default: <see cref="DefaultPort"/>.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// A scenario file (tests/scenarios format) that seeds every environment's world: <c>world</c>, <c>health</c>,
    /// <c>versions</c>, <c>timeline</c>, <c>faults</c>, <c>settings.autoRollback</c> and <c>approval</c> (when set, the world
    /// answers approvals itself; otherwise they wait for SendTaskSuccess/SendTaskFailure). Its <c>environment</c>,
    /// <c>machine</c>, <c>request</c>, <c>later</c> and <c>expect</c> are ignored. Default: none (a healthy world sized from the template).
    /// </summary>
    public string? ScenarioFile { get; init; }

    /// <summary>The repository root (with <c>scripts/rehearsal</c> and <c>node_modules</c>). Default: found above the current directory or the program.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>
    /// How long (real time) an approval task waits for SendTaskSuccess/SendTaskFailure before it times out (and the
    /// deployment rolls back with Deploy.ApprovalRejected). Default: the state's TimeoutSeconds, in real seconds.
    /// </summary>
    public TimeSpan? ApprovalTimeout { get; init; }

    /// <summary>
    /// Simulated seconds per real second: the simulated clock advances with real time × <c>Speed</c>, so a running
    /// deployment can be watched in its phases, answered and stopped, and executions overlap. <c>0</c> runs simulated time
    /// instantly (each execution to its end at once, as the tests use it). Default: <c>0</c> (the program's default is
    /// <see cref="DefaultSpeed"/>).
    /// </summary>
    public double Speed { get; init; }

    /// <summary>The speed deploy-local-engine runs at unless <c>--speed</c> says otherwise.</summary>
    public const double DefaultSpeed = 60;

    /// <summary>How long StartSyncExecution waits for its execution. Default: 5 minutes.</summary>
    public TimeSpan SyncTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Receives progress lines (stacks loaded, executions started and ended). Default: discarded.</summary>
    public Action<string>? Log { get; init; }
}
