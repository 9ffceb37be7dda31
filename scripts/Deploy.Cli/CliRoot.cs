using System.CommandLine;

namespace Deploy.Cli;

/// <summary>The root command, holding the global options so that an error before any verb runs still honours <c>--output json</c>.</summary>
/// <param name="globals">The global options.</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1010:Generic interface should also be implemented",
    Justification = "System.CommandLine's Command implements the non-generic IEnumerable for collection initializers; this type adds nothing to it.")]
public sealed class CliRoot(GlobalOptions globals)
    : RootCommand("deploy-pipeline: start, watch, approve and roll back blue/green deployments (Step Functions API only).")
{
    /// <summary>The global options.</summary>
    public GlobalOptions Globals { get; } = globals;
}
