namespace Deploy.TestSupport;

/// <summary>How a process that <see cref="ProcessRunner"/> ran ended: its exit code and everything it wrote.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="StdOut">Everything it wrote to its standard output.</param>
/// <param name="StdErr">Everything it wrote to its standard error.</param>
public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr);
