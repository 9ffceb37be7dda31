using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Deploy.Cli.Tests.TestSupport;

namespace Deploy.Cli.Tests;

/// <summary>The real client against endpoints that misbehave at the transport: bounded waits, progress on stderr, one paragraph, exit 7.</summary>
public class NetworkTimeoutTests
{
    [Fact]
    public async Task Run_EndpointAcceptsButNeverAnswers_FailsWithinTheReadTimeoutWithProgressAndExit7()
    {
        // The kernel completes the handshake for the listen backlog; nobody ever reads or answers.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var clock = Stopwatch.StartNew();

        // localhost on purpose: it is sent to 127.0.0.1, where local engines listen.
        var (code, output, error) = await CliRunner.Run(null, "--endpoint-url", $"http://localhost:{port}", "--read-timeout", "2s", "info", "--env", "staging");

        clock.Stop();
        Assert.Equal(7, code);
        Assert.Equal(string.Empty, output);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(6));
        var lines = error.TrimEnd().Split('\n');
        Assert.Equal($"note: ListStateMachines: no answer from http://127.0.0.1:{port}/ after 1 s; waiting up to 2 s.", lines[0]);
        Assert.Equal($"error: Step Functions did not answer (RequestTimeout): ListStateMachines: no answer from http://127.0.0.1:{port}/ within 2 s (1 attempt). "
            + "Check --endpoint-url / --region and your network; --connect-timeout and --read-timeout set how long to wait.", lines[^1]);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public async Task Run_NothingListens_RetriesWithAProgressLineEachThenExit7()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var (code, _, error) = await CliRunner.Run(null, "--endpoint-url", $"http://127.0.0.1:{port}", "--read-timeout", "20s", "info", "--env", "staging");

        Assert.Equal(7, code);
        var lines = error.TrimEnd().Split('\n');
        Assert.Equal(4, lines.Count(l => l.StartsWith($"note: ListStateMachines: could not reach http://127.0.0.1:{port}/: Connection refused", StringComparison.Ordinal)
            && l.Contains("; retrying in ", StringComparison.Ordinal)));
        Assert.Contains("(retry 4 of 4).", lines[^2], StringComparison.Ordinal);
        Assert.StartsWith("error: Step Functions did not answer (NetworkError): ListStateMachines: could not reach", lines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--connect-timeout", "0", "error: --connect-timeout: \"0\" is not a duration; use e.g. 90s, 45m or 2h.")]
    [InlineData("--read-timeout", "11m", "error: --read-timeout: \"11m\" is longer than the longest allowed, 10m 00s; use e.g. 90s, 45m or 2h.")]
    public async Task Run_BadNetworkTimeout_ExitsUsageError(string option, string value, string message)
    {
        var (code, _, error) = await CliRunner.Run(new RecordingClient(), option, value, "info", "--env", "staging");

        Assert.Equal(2, code);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }
}
