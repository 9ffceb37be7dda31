namespace Deploy.Cli;

/// <summary>
/// Why a command exits with a non-zero code, as <c>--output json</c> reports it in <c>error</c>: a stable name (one of
/// <see cref="CliErrorNames"/>, or the error an execution ended with, such as <c>Deploy.RolledBack</c>), the one-paragraph
/// message, and the exit code.
/// </summary>
/// <param name="Name">The stable name scripts branch on.</param>
/// <param name="Message">The message, as on stderr (without its <c>error: </c> prefix).</param>
/// <param name="Code">The exit code.</param>
public sealed record CliError(string Name, string Message, ExitCode Code);
