using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Deploy.Rehearsal.Internal;

/// <summary>
/// A Node.js child process spoken to in JSON lines. Its stdout is read on a background thread into
/// a queue (so the process never blocks on a full pipe while we write to its stdin), its stderr
/// goes to the diagnostics callback and a short tail kept for error messages.
/// </summary>
internal sealed class NodeProcess : IDisposable
{
    private const int StderrTailLines = 40;
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly BlockingCollection<string> _lines = new();
    private readonly ConcurrentQueue<string> _stderrTail = new();
    private readonly Action<string>? _diagnostics;

    private NodeProcess(Process process, Action<string>? diagnostics)
    {
        _process = process;
        _diagnostics = diagnostics;
        _process.ErrorDataReceived += OnStderr;
        _process.BeginErrorReadLine();
        _stdin = _process.StandardInput.BaseStream;
        var reader = new Thread(ReadStdout) { IsBackground = true, Name = "rehearsal-engine-stdout" };
        reader.Start();
    }

    /// <summary>The last lines the process wrote to stderr.</summary>
    public string StderrTail => string.Join(Environment.NewLine, _stderrTail);

    public static NodeProcess Start(string node, string workingDirectory, IEnumerable<string> arguments, Action<string>? diagnostics)
    {
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        ConfigureEnvironment(start);
        try
        {
            return new NodeProcess(Process.Start(start) ?? throw new RehearsalException($"'{node}' did not start."), diagnostics);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new RehearsalException($"'{node}' could not be started: {e.Message}", e);
        }
    }

    /// <summary>The environment every node process of the rehearsal runs with (offline, quiet).</summary>
    public static void ConfigureEnvironment(ProcessStartInfo start)
    {
        start.Environment["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"] = "20";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["CDK_DISABLE_VERSION_CHECK"] = "true";
    }

    /// <summary>Writes one line (a JSON text without newlines) to the process's stdin.</summary>
    public void WriteLine(ReadOnlySpan<byte> utf8)
    {
        try
        {
            _stdin.Write(utf8);
            _stdin.WriteByte((byte)'\n');
            _stdin.Flush();
        }
        catch (IOException e)
        {
            throw new RehearsalException(Describe("the rehearsal engine stopped reading its input"), e);
        }
    }

    /// <summary>The next line from stdout; <see langword="null"/> when the process closed it (exited).</summary>
    /// <exception cref="TimeoutException">No line arrived within <paramref name="timeout"/>.</exception>
    public string? ReadLine(TimeSpan timeout)
    {
        if (_lines.TryTake(out var line, timeout))
        {
            return line;
        }

        return _lines.IsCompleted ? null : throw new TimeoutException();
    }

    /// <summary><paramref name="what"/>, with the exit code when the process has exited and the tail of its stderr.</summary>
    public string Describe(string what)
    {
        var text = new StringBuilder(what);
        if (_process.WaitForExit(TimeSpan.FromMilliseconds(200)))
        {
            text.Append(" (node exited with code ").Append(_process.ExitCode).Append(')');
        }

        var tail = StderrTail;
        text.Append(tail.Length == 0 ? "." : $". Its last diagnostics:{Environment.NewLine}{tail}");
        return text.ToString();
    }

    public void Dispose()
    {
        try
        {
            _stdin.Dispose(); // EOF ends the engine
            if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void ReadStdout()
    {
        try
        {
            var stdout = _process.StandardOutput;
            while (stdout.ReadLine() is { } line)
            {
                _lines.Add(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process is gone; readers see the end of the queue.
        }
        finally
        {
            _lines.CompleteAdding();
        }
    }

    private void OnStderr(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is null)
        {
            return;
        }

        _stderrTail.Enqueue(e.Data);
        while (_stderrTail.Count > StderrTailLines && _stderrTail.TryDequeue(out _))
        {
        }

        _diagnostics?.Invoke(e.Data);
    }
}
