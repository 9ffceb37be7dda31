namespace Deploy.Rehearsal;

/// <summary>Options of <see cref="RehearsalEngine.Start(string, RehearsalEngineOptions?)"/>.</summary>
public sealed record RehearsalEngineOptions
{
    /// <summary>
    /// Whether the engine validates each distinct definition (asl-validator, JSON paths and ARNs
    /// not checked) before running it. Validation takes 0.1-0.7 s per distinct definition (the
    /// validator compiles its JSON schemas on every call); its outcome is cached for the life of the engine. Default: <see langword="true"/>.
    /// </summary>
    public bool ValidateDefinitions { get; init; } = true;

    /// <summary>The Node.js executable. Default: <c>node</c> found on <c>PATH</c>.</summary>
    public string? NodeExecutable { get; init; }

    /// <summary>How long to wait for the engine to start. Default: 30 seconds.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long <see cref="RehearsalEngine.Run"/> waits for the next message from the engine
    /// before it gives up (a safety net: the engine answers in milliseconds). Default: 60 seconds.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Receives the engine's diagnostics (its stderr), line by line. Default: discarded (the last lines are kept for error messages).</summary>
    public Action<string>? Diagnostics { get; init; }
}
