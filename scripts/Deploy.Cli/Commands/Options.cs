using System.CommandLine;
using System.Globalization;
using System.CommandLine.Parsing;
using Deploy.Cli.Pipeline;
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

    /// <summary>The longest <c>--timeout</c>: a year, the longest a Standard execution can run.</summary>
    /// <remarks>See https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html (maximum execution time: 1 year).</remarks>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(365);

    public static Option<TimeSpan?> Timeout() => Duration("--timeout",
        "How long to wait, e.g. 45m, 2h, 90s (deploy --wait: for the end, default 2h; deploy alone: for the lock, default 2m). The execution goes on after the CLI gives up.");

    /// <summary>A duration option (90s, 45m, 2h, or plain seconds), more than 0 and at most <paramref name="max"/> (default a year).</summary>
    public static Option<TimeSpan?> Duration(string name, string description, TimeSpan? max = null) => new(name)
    {
        Description = description,
        CustomParser = r => ParseDuration(Token(r), r, max ?? MaxDuration),
    };

    /// <summary>
    /// Parses a duration: a positive number with <c>h</c>, <c>m</c> or <c>s</c> (or none: seconds), at most <paramref name="max"/>;
    /// anything else adds one error naming the option, the value and what is allowed.
    /// </summary>
    public static TimeSpan? ParseDuration(string text, ArgumentResult result, TimeSpan max)
    {
        var trimmed = text.Trim();
        var unit = trimmed.Length > 0 ? trimmed[^1] : ' ';
        var number = char.IsAsciiDigit(unit) ? trimmed : trimmed[..Math.Max(0, trimmed.Length - 1)];
        var seconds = unit switch { 'h' => 3600.0, 'm' => 60.0, 's' => 1.0, >= '0' and <= '9' => 1.0, _ => double.NaN };
        if (double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0 && !double.IsNaN(seconds))
        {
            if (value * seconds > max.TotalSeconds)
            {
                return Fail($"\"{Shown(text)}\" is longer than the longest allowed, {Report.Format(max)}");
            }

            return TimeSpan.FromSeconds(Math.Max(1, Math.Round(value * seconds)));
        }

        return Fail($"\"{Shown(text)}\" is not a duration");

        TimeSpan? Fail(string why)
        {
            result.AddError($"{NameOf(result)}: {why}; use e.g. 90s, 45m or 2h.");
            return null;
        }
    }

    /// <summary>A whole-number option from <paramref name="min"/> to <paramref name="max"/>; parse and range errors name the option and the range.</summary>
    public static Option<long?> Integer(string name, string description, long min, long max) => new(name)
    {
        Description = description,
        CustomParser = r =>
        {
            var text = Token(r).Trim();
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            r.AddError(string.Create(CultureInfo.InvariantCulture, $"{NameOf(r)}: got \"{Shown(text)}\"; use a whole number from {min} to {max}."));
            return null;
        },
    };

    /// <summary>A number option from <paramref name="min"/> to <paramref name="max"/> (finite, invariant culture); errors name the option and the range.</summary>
    public static Option<double?> Number(string name, string description, double min, double max, string unit) => new(name)
    {
        Description = description,
        CustomParser = r =>
        {
            var text = Token(r).Trim();
            if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                && double.IsFinite(value) && value >= min && value <= max)
            {
                return value;
            }

            r.AddError(string.Create(CultureInfo.InvariantCulture, $"{NameOf(r)}: got \"{Shown(text)}\"; use a number from {min} to {max}{unit}."));
            return null;
        },
    };

    /// <summary>The option's single token (System.CommandLine reports a missing one itself).</summary>
    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;

    private static string NameOf(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;

    /// <summary>A value as it may be echoed: at most 60 characters, control characters shown as '?'.</summary>
    internal static string Shown(string text)
    {
        var cut = text.Length > 60 ? text[..60] + "…" : text;
        return new string(cut.Select(c => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format ? '?' : c).ToArray());
    }

    /// <summary>A request error as one paragraph: the cause lists every bad field.</summary>
    public static string Describe(DeployError error) => error.Cause ?? error.Name;
}
