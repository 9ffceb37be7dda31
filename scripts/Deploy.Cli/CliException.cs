namespace Deploy.Cli;

/// <summary>An expected failure: printed as one paragraph (no stack trace) and mapped to <see cref="Code"/>.</summary>
/// <param name="code">The exit code.</param>
/// <param name="message">The paragraph.</param>
/// <param name="name">Its name in <c>--output json</c> (<see cref="CliErrorNames"/>, or an execution's error). Default: by <paramref name="code"/>.</param>
public sealed class CliException(ExitCode code, string message, string? name = null) : Exception(message)
{
    /// <summary>The exit code.</summary>
    public ExitCode Code { get; } = code;

    /// <summary>The name of the error in <c>--output json</c>.</summary>
    public string Name { get; } = name ?? CliErrorNames.For(code);
}
