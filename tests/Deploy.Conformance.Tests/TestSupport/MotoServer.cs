using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Deploy.Conformance.Tests.TestSupport;

/// <summary>
/// A moto server (<c>python3 -m moto.server</c>) on a free port of 127.0.0.1, started for the tests and stopped (with its
/// process tree) on dispose. Start-up waits at most 60 s for <c>/moto-api/</c> to answer.
/// </summary>
internal sealed class MotoServer : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _log = new();

    private MotoServer(Process process, string endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    /// <summary>The server's URL, <c>http://127.0.0.1:PORT</c>.</summary>
    public string Endpoint { get; }

    /// <summary>Starts a server and waits until it answers.</summary>
    public static MotoServer Start()
    {
        var port = FreePort();
        var start = Python.StartInfo("-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.RedirectStandardInput = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException("moto.server did not start.");
        var server = new MotoServer(process, $"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            server.WaitUntilReady(TimeSpan.FromSeconds(60));
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>The last lines the server printed (for failure messages).</summary>
    public string LogTail()
    {
        lock (_log)
        {
            var text = _log.ToString();
            return text.Length > 3000 ? "…" + text[^3000..] : text;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private void WaitUntilReady(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"moto.server exited with code {_process.ExitCode} before answering: {LogTail()}");
            }

            try
            {
                using var response = http.GetAsync(Endpoint + "/moto-api/").GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException($"moto.server did not answer on {Endpoint} within {timeout.TotalSeconds} s: {LogTail()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
