using System.CommandLine;
using System.Text.Json.Nodes;

namespace Deploy.Cli;

/// <summary>
/// Where a command writes: readable text for people, or exactly one JSON document for machines (<c>--output json</c>,
/// written by <see cref="Complete"/> when the command ends: its result, and its error for a non-zero exit code).
/// Error paragraphs always go to standard error too.
/// </summary>
public sealed class CliOutput(TextWriter stdout, TextWriter stderr, bool json, bool interactive, bool quiet = false, bool color = false, Func<int>? width = null,
    string? kind = null)
{
    private readonly Func<int> _width = width ?? (() => Console.IsOutputRedirected ? 0 : Console.WindowWidth);
    private JsonObject? _result;
    private (string Name, string Message)? _error;
    private bool _completed;

    /// <summary>The output a parsed command line asks for (<c>--output</c>, <c>--quiet</c>, <c>--no-color</c>, <c>NO_COLOR</c>), named after its verb.</summary>
    public static CliOutput For(ParseResult result, GlobalOptions globals, TextWriter stdout, TextWriter stderr) =>
        new(stdout, stderr, WantsJson(result, globals), !Console.IsOutputRedirected && stdout == Console.Out,
            quiet: result.GetValue(globals.Quiet),
            color: !result.GetValue(globals.NoColor) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
            kind: KindOf(result));

    /// <summary>Whether the command line asks for JSON, even when it has errors elsewhere (a wrong <c>--output</c> value means text).</summary>
    public static bool WantsJson(ParseResult result, GlobalOptions globals)
    {
        var option = result.GetResult(globals.Output);
        return option is { Tokens.Count: > 0 } && option.Tokens[^1].Value == "json";
    }

    /// <summary>The verb a command line names (<c>kind</c> in JSON), or <see langword="null"/> when it names none.</summary>
    public static string? KindOf(ParseResult result) => result.CommandResult.Command is RootCommand ? null : result.CommandResult.Command.Name;

    /// <summary>Whether the result is JSON.</summary>
    public bool Json { get; } = json;

    /// <summary>Whether standard output is a terminal (live progress) rather than a pipe or a file (plain lines).</summary>
    public bool Interactive { get; } = interactive && !json;

    /// <summary>Whether progress lines are left out (<c>--quiet</c>): only the outcome and errors are written.</summary>
    public bool Quiet { get; } = quiet;

    /// <summary>Whether outcomes are colored: on a terminal, without <c>--no-color</c> or <c>NO_COLOR</c>.</summary>
    public bool Color { get; } = color && interactive && !json;

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; } = stdout;

    /// <summary>Writes a line of text (text mode only).</summary>
    public void Line(string text = "")
    {
        if (!Json)
        {
            Out.WriteLine(text);
        }
    }

    /// <summary>Sets the command's result (JSON mode only; written by <see cref="Complete"/>); a later result replaces an earlier one.</summary>
    public void Result(JsonObject result) => _result = result;

    /// <summary>
    /// A progress line: on a terminal rewritten in place and cut to the terminal's width (a longer line would wrap and
    /// leave a broken line at every rewrite); appended otherwise; never in JSON mode or with <see cref="Quiet"/>.
    /// </summary>
    public void Progress(string text)
    {
        if (Json || Quiet)
        {
            return;
        }

        if (Interactive)
        {
            var width = Math.Max(20, _width() - 1);
            var fitted = text.Length > width ? text[..(width - 1)] + "…" : text.PadRight(width);
            Out.Write("\r" + fitted);
        }
        else
        {
            Out.WriteLine(text);
        }
    }

    /// <summary>An outcome sentence, green for success and red otherwise when <see cref="Color"/> (ANSI SGR).</summary>
    public void Outcome(string text, bool success) =>
        Line(Color ? $"\u001b[{(success ? 32 : 31)}m{text}\u001b[0m" : text);

    /// <summary>Ends a progress line on a terminal.</summary>
    public void EndProgress()
    {
        if (Interactive && !Quiet)
        {
            Out.WriteLine();
        }
    }

    /// <summary>Writes an error paragraph to standard error and keeps it, named <paramref name="name"/>, for the JSON document.</summary>
    public void Error(string name, string message)
    {
        stderr.WriteLine("error: " + message);
        Failure(name, message);
    }

    /// <summary>
    /// Keeps why the command fails for the JSON document, without writing it to standard error (an outcome already
    /// printed on stdout, such as "Deployment rolled back"); a later failure replaces an earlier one.
    /// </summary>
    public void Failure(string name, string message) => _error = (name, message);

    /// <summary>
    /// Ends the command (once): in JSON mode writes the one document — <c>schemaVersion</c>, <c>kind</c>, the result, and
    /// for a non-zero <paramref name="exitCode"/> the <c>error</c> (the failure kept, else one named by the exit code).
    /// </summary>
    public void Complete(int exitCode)
    {
        if (!Json || _completed)
        {
            return;
        }

        _completed = true;
        var code = (ExitCode)exitCode;
        var error = exitCode == 0 ? null
            : _error is { } e ? new CliError(e.Name, e.Message, code)
            : new CliError(CliErrorNames.For(code), $"The command ended with exit code {exitCode}.", code);
        Out.WriteLine(CliJson.Document(kind, _result, error).ToJsonString(CliJson.Options));
    }
}
