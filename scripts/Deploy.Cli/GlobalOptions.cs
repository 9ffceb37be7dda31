using System.CommandLine;

namespace Deploy.Cli;

/// <summary>Options every verb accepts.</summary>
public sealed class GlobalOptions
{
    /// <summary>Application name (state machines are named <c>&lt;app&gt;-&lt;env&gt;-deploy|rollback|health-probe</c>).</summary>
    public Option<string> App { get; } = new("--app")
    {
        Description = "Application name; the state machines are <app>-<env>-deploy|rollback|health-probe. Default: $DEPLOY_PIPELINE_APP or webapp.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DEPLOY_PIPELINE_APP") ?? "webapp",
    };

    /// <summary>AWS region.</summary>
    public Option<string?> Region { get; } = new("--region")
    {
        Description = "AWS region. Default: AWS_REGION, AWS_DEFAULT_REGION, or the profile's region.",
        Recursive = true,
    };

    /// <summary>Named profile.</summary>
    public Option<string?> Profile { get; } = new("--profile")
    {
        Description = "Named profile from ~/.aws/config and ~/.aws/credentials. Default: AWS_PROFILE or the default chain.",
        Recursive = true,
    };

    /// <summary>Endpoint override (the local engine).</summary>
    public Option<string?> EndpointUrl { get; } = new("--endpoint-url")
    {
        Description = "Step Functions endpoint, e.g. http://127.0.0.1:8083 for the local engine. Default: $DEPLOY_PIPELINE_ENDPOINT_URL, else the region's endpoint.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DEPLOY_PIPELINE_ENDPOINT_URL"),
    };

    /// <summary>Output format.</summary>
    public Option<string> Output { get; } = new("--output")
    {
        Description = "text (for people, with live progress on a terminal) or json (one document on stdout, for machines).",
        Recursive = true,
        DefaultValueFactory = _ => "text",
    };

    /// <summary>No progress lines: only the outcome and errors.</summary>
    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "Print no progress lines (--wait, watch): only the outcome and errors.",
        Recursive = true,
    };

    /// <summary>No ANSI colors (also when NO_COLOR is set, https://no-color.org).</summary>
    public Option<bool> NoColor { get; } = new("--no-color")
    {
        Description = "No colors on a terminal. Default: colors unless NO_COLOR is set.",
        Recursive = true,
    };

    /// <summary>How long to wait for a connection to the endpoint (default <see cref="DefaultConnectTimeout"/>).</summary>
    public Option<TimeSpan?> ConnectTimeout { get; } = Commands.Options.Duration("--connect-timeout",
        "How long to wait for a connection to the Step Functions endpoint, e.g. 5s (default 5s, at most 10m).", TimeSpan.FromMinutes(10));

    /// <summary>How long one call to Step Functions may take, retries included (default <see cref="DefaultReadTimeout"/>).</summary>
    public Option<TimeSpan?> ReadTimeout { get; } = Commands.Options.Duration("--read-timeout",
        "How long to wait for Step Functions to answer one call, its retries included, e.g. 30s (default 30s, at most 10m). A health check's Express execution may take longer.",
        TimeSpan.FromMinutes(10));

    /// <summary>The default <c>--connect-timeout</c>.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The default <c>--read-timeout</c>.</summary>
    public static readonly TimeSpan DefaultReadTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The options, to add to the root command.</summary>
    public IEnumerable<Option> All => [App, Region, Profile, EndpointUrl, Output, Quiet, NoColor, ConnectTimeout, ReadTimeout];

    /// <summary>Creates the global options with their validators.</summary>
    public GlobalOptions()
    {
        Output.AcceptOnlyFromAmong("text", "json");
        ConnectTimeout.Recursive = true;
        ReadTimeout.Recursive = true;
    }
}
