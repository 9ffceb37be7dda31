using System.Text.Json;
using System.Text.Json.Nodes;

namespace Deploy.Cli;

/// <summary>
/// Where a command writes: readable text for people, or one JSON document for machines (<c>--output json</c>).
/// Errors always go to standard error.
/// </summary>
public sealed class CliOutput(TextWriter stdout, TextWriter stderr, bool json, bool interactive)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Whether the result is JSON.</summary>
    public bool Json { get; } = json;

    /// <summary>Whether standard output is a terminal (live progress) rather than a pipe or a file (plain lines).</summary>
    public bool Interactive { get; } = interactive && !json;

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

    /// <summary>A progress line: rewritten in place on a terminal, appended otherwise (never in JSON mode).</summary>
    public void Progress(string text)
    {
        if (Json)
        {
            return;
        }

        if (Interactive)
        {
            Out.Write("\r" + text.PadRight(Math.Max(0, Console.IsOutputRedirected ? 0 : Math.Min(Console.WindowWidth - 1, 160))));
        }
        else
        {
            Out.WriteLine(text);
        }
    }

    /// <summary>Ends a progress line on a terminal.</summary>
    public void EndProgress()
    {
        if (Interactive)
        {
            Out.WriteLine();
        }
    }

    /// <summary>Writes an error paragraph to standard error.</summary>
    public void Error(string message) => stderr.WriteLine("error: " + message);
}
