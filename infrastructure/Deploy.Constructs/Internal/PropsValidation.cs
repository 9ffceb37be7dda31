using Amazon.CDK;

namespace Deploy.Constructs.Internal;

/// <summary>
/// Props checks shared by the constructs. Every message names the prop, the value received and what is
/// allowed; unresolved tokens are skipped because their value is only known at deploy time.
/// </summary>
internal static class PropsValidation
{
    public static InvalidPropsException Error(string prop, string message) => new($"{prop}: {message}");

    public static void Required(object? value, string prop, string allowed)
    {
        if (value is null)
        {
            throw Error(prop, $"is required; {allowed}.");
        }
    }

    public static void Range(double? value, string prop, double min, double max, string unit = "")
    {
        if (value is not { } v || Token.IsUnresolved(v))
        {
            return;
        }

        if (double.IsNaN(v) || v < min || v > max)
        {
            throw Error(prop, $"got {Format(v)}{unit}; must be from {Format(min)}{unit} to {Format(max)}{unit}.");
        }
    }

    public static void WholeNumber(double? value, string prop, double min, double max)
    {
        if (value is not { } v || Token.IsUnresolved(v))
        {
            return;
        }

        if (v != Math.Floor(v) || v < min || v > max)
        {
            throw Error(prop, $"got {Format(v)}; must be a whole number from {Format(min)} to {Format(max)}.");
        }
    }

    public static void Positive(Duration? value, string prop)
    {
        if (value is null || Token.IsUnresolved(value.ToMilliseconds()))
        {
            return;
        }

        if (value.ToMilliseconds() <= 0)
        {
            throw Error(prop, $"got {Describe(value)}; must be longer than zero.");
        }
    }

    public static void WholeSeconds(Duration? value, string prop, double minSeconds, double maxSeconds)
    {
        if (value is null || Token.IsUnresolved(value.ToMilliseconds()))
        {
            return;
        }

        var ms = value.ToMilliseconds();
        if (ms % 1000 != 0 || ms < minSeconds * 1000 || ms > maxSeconds * 1000)
        {
            throw Error(prop, $"got {Describe(value)}; must be whole seconds from {Format(minSeconds)} to {Format(maxSeconds)} seconds.");
        }
    }

    public static void WholeDays(Duration? value, string prop, int minDays, int maxDays)
    {
        if (value is null || Token.IsUnresolved(value.ToMilliseconds()))
        {
            return;
        }

        var ms = value.ToMilliseconds();
        const double day = 86_400_000;
        if (ms % day != 0 || ms < minDays * day || ms > maxDays * day)
        {
            throw Error(prop, $"got {Format(ms / day)} days; must be whole days from {minDays} to {maxDays} days.");
        }
    }

    public static string Describe(Duration value) => $"{Format(value.ToMilliseconds() / 1000.0)} seconds";

    public static string Format(double value) => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
