using System.CommandLine;
using System.Globalization;
using Deploy.Contracts;

namespace Deploy.Cli.Commands;

/// <summary>Options shared by several verbs.</summary>
internal static class Options
{
    public static Option<string> Environment(bool required = true) => new("--env")
    {
        Description = "Environment name, e.g. staging or production.",
        Required = required,
    };

    public static Option<bool> Wait() => new("--wait") { Description = "Follow the execution to its end, with live progress; the exit code tells the outcome." };

    public static Option<TimeSpan?> Timeout() => new("--timeout")
    {
        Description = "How long to wait, e.g. 45m, 2h, 90s (deploy --wait: for the end, default 2h; deploy alone: for the lock, default 2m). The execution goes on after the CLI gives up.",
        CustomParser = r => ParseDuration(r.Tokens.Single().Value, r),
    };

    public static TimeSpan? ParseDuration(string text, System.CommandLine.Parsing.ArgumentResult result)
    {
        var unit = text.Length > 0 ? text[^1] : ' ';
        var number = char.IsDigit(unit) ? text : text[..^1];
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return unit switch
            {
                'h' => TimeSpan.FromHours(value),
                'm' => TimeSpan.FromMinutes(value),
                's' or (>= '0' and <= '9') => TimeSpan.FromSeconds(value),
                _ => Fail(),
            };
        }

        return Fail();

        TimeSpan? Fail()
        {
            result.AddError($"--timeout: \"{text}\" is not a duration; use e.g. 90s, 45m or 2h.");
            return null;
        }
    }

    /// <summary>A request error as one paragraph: the cause lists every bad field.</summary>
    public static string Describe(DeployError error) => error.Cause ?? error.Name;
}
