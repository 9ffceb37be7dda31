using System.Text.Json;
using System.Text.Json.Nodes;

namespace Deploy.Cli;

/// <summary>
/// Where a command writes: readable text for people, or one JSON document for machines (<c>--output json</c>).
/// Errors always go to standard error.
/// </summary>
public sealed class CliOutput(TextWriter stdout, TextWriter stderr, bool json, bool interactive, bool quiet = false, bool color = false, Func<int>? width = null)
{
    private readonly Func<int> _width = width ?? (() => Console.IsOutputRedirected ? 0 : Console.WindowWidth);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

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

    /// <summary>Writes the command's result as JSON (JSON mode only).</summary>
    public void Result(JsonNode result)
    {
        if (Json)
        {
            Out.WriteLine(result.ToJsonString(Indented));
        }
    }

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

    /// <summary>Writes an error paragraph to standard error.</summary>
    public void Error(string message) => stderr.WriteLine("error: " + message);
}
