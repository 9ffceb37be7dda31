using System.Diagnostics;
using System.Text;

namespace Deploy.TestSupport;

/// <summary>
/// Runs a tool a test needs (node, cfn-lint, python3, dotnet, bash, script) to its end: in the offline environment,
/// its output and errors captured, bounded in time, and killed with its children when it overruns.
/// </summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> in the offline environment.</summary>
    /// <param name="fileName">The program (found on PATH when not a path).</param>
    /// <param name="arguments">Its arguments, each passed as one argument (no shell quoting).</param>
    /// <param name="timeout">How long it may run; longer, and it is killed and <see cref="TimeoutException"/> is thrown.</param>
    /// <param name="workingDirectory">Where it runs. Default: this process's current directory.</param>
    /// <param name="environment">Variables set for it on top of <see cref="OfflineEnvironment.Variables"/>.</param>
    /// <param name="stdin">What it reads on its standard input, which is then closed. Default: no input redirected.</param>
    /// <returns>Its exit code and output; a non-zero exit code is the caller's to judge.</returns>
    /// <exception cref="System.ComponentModel.Win32Exception">The program is not found or cannot start.</exception>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/>; the message holds the end of its errors.</exception>
    public static ProcessResult Run(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        string? stdin = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory ?? string.Empty };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        OfflineEnvironment.ApplyTo(start);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Run(start, timeout, stdin);
    }

    /// <summary>
    /// Runs the process <paramref name="start"/> describes (for callers that shape its environment themselves); its
    /// output and errors are redirected here whatever <paramref name="start"/> says.
    /// </summary>
    /// <param name="start">The program, arguments, working directory and environment.</param>
    /// <param name="timeout">How long it may run; longer, and it is killed and <see cref="TimeoutException"/> is thrown.</param>
    /// <param name="stdin">What it reads on its standard input, which is then closed. Default: no input redirected.</param>
    /// <returns>Its exit code and output.</returns>
    /// <exception cref="System.ComponentModel.Win32Exception">The program is not found or cannot start.</exception>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/>.</exception>
    public static ProcessResult Run(ProcessStartInfo start, TimeSpan timeout, string? stdin = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.UseShellExecute = false;
        start.CreateNoWindow = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = stdin is not null;
        start.StandardOutputEncoding ??= Encoding.UTF8;
        start.StandardErrorEncoding ??= Encoding.UTF8;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Describe(start)} did not start.");
        // Both streams are drained while it runs: a full pipe would otherwise block it for ever.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{Describe(start)} did not finish within {timeout.TotalSeconds:0} s and was killed; stderr: {Tail(stderr.Result)}");
        }

        // The parameterless wait also waits for the redirected streams to reach their end.
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The last 4,000 characters of <paramref name="text"/>, trimmed: enough of a tool's errors for a failure message.</summary>
    /// <param name="text">A tool's output or errors.</param>
    /// <returns>The end of <paramref name="text"/>.</returns>
    public static string Tail(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 4000 ? "…" + text[^4000..].TrimEnd() : text.Trim();
    }

    private static string Describe(ProcessStartInfo start) => string.Join(' ', start.ArgumentList.Prepend(start.FileName));
}
