using System.CommandLine;
using Deploy.Cli.Pipeline;
using Deploy.StepFunctions;

namespace Deploy.Cli;

/// <summary>What a verb runs with: its output, the application, and the gateway to the Step Functions API.</summary>
public sealed class CliContext
{
    private readonly Lazy<PipelineGateway> _gateway;

    /// <summary>Creates the context from parsed global options and the command's <paramref name="output"/>.</summary>
    public CliContext(ParseResult result, GlobalOptions globals, CliOutput output, TextWriter stderr, Func<StepFunctionsClientOptions, IStepFunctionsClient>? clientFactory = null)
    {
        Output = output;
        Application = result.GetValue(globals.App)!;
        var endpoint = result.GetValue(globals.EndpointUrl);
        var readTimeout = result.GetValue(globals.ReadTimeout) ?? GlobalOptions.DefaultReadTimeout;
        var progress = TextWriter.Synchronized(stderr);
        var options = new StepFunctionsClientOptions
        {
            ConnectTimeout = result.GetValue(globals.ConnectTimeout) ?? GlobalOptions.DefaultConnectTimeout,
            RequestTimeout = readTimeout,
            CallTimeout = readTimeout,
            Progress = line => progress.WriteLine("note: " + line),
            Region = result.GetValue(globals.Region),
            Profile = result.GetValue(globals.Profile),
            EndpointUrl = endpoint is null ? null
                : Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
                : throw new CliException(ExitCode.UsageError, $"--endpoint-url: \"{endpoint}\" is not an http(s) URL, e.g. http://127.0.0.1:8083."),
        };
        _gateway = new Lazy<PipelineGateway>(() => new PipelineGateway((clientFactory ?? (o => new StepFunctionsClient(o)))(options)));
    }

    /// <summary>The output.</summary>
    public CliOutput Output { get; }

    /// <summary>The application name.</summary>
    public string Application { get; }

    /// <summary>The gateway (the client is created on first use, so usage errors never need credentials).</summary>
    public PipelineGateway Gateway => _gateway.Value;

    /// <summary>Who runs the command, for requests and approvals.</summary>
    public static string User => Environment.GetEnvironmentVariable("USER") ?? Environment.UserName;

    /// <summary>
    /// The pause before poll <paramref name="poll"/> (1-based) of a loop that waits for an execution: short at first, since
    /// most short executions (an unlock, a rollback, a deployment getting past its lock) end within a second — 250 ms,
    /// doubling — and never longer than <see cref="PollInterval"/>.
    /// </summary>
    public static TimeSpan PollDelay(int poll) =>
        TimeSpan.FromMilliseconds(Math.Min(PollInterval.TotalMilliseconds, 250 * Math.Pow(2, Math.Clamp(poll - 1, 0, 10))));

    /// <summary>Poll interval of <c>--wait</c> (DEPLOY_PIPELINE_POLL_MS, default 2 s).</summary>
    public static TimeSpan PollInterval =>
        int.TryParse(Environment.GetEnvironmentVariable("DEPLOY_PIPELINE_POLL_MS"), out var ms) && ms > 0 ? TimeSpan.FromMilliseconds(ms) : TimeSpan.FromSeconds(2);
}
