namespace Deploy.Cli;

/// <summary>An expected failure: printed as one paragraph (no stack trace) and mapped to <see cref="Code"/>.</summary>
public sealed class CliException(ExitCode code, string message) : Exception(message)
{
    /// <summary>The exit code.</summary>
    public ExitCode Code { get; } = code;
}
