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

    /// <summary>The options, to add to the root command.</summary>
    public IEnumerable<Option> All => [App, Region, Profile, EndpointUrl, Output, Quiet, NoColor];

    /// <summary>Creates the global options with their validators.</summary>
    public GlobalOptions()
    {
        Output.AcceptOnlyFromAmong("text", "json");
    }
}
