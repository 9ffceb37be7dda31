using Deploy.Contracts;

namespace Deploy.Rules.Internal;

/// <summary>
/// Applies the built-in fallbacks to the environment defaults and checks them with the same rules
/// as the request. Bad defaults are a configuration fault, reported as <see cref="DeployErrors.MalformedInput"/>.
/// </summary>
internal static class DefaultsReader
{
    private const string Prefix = "defaults.";

    public static ResolvedDefaults Read(RequestDefaults? defaults, List<FieldError> errors)
    {
        var strategy = RequestDefaults.BuiltInStrategy;
        if (defaults?.Strategy is { } strategyText && !StrategyNames.TryParse(strategyText, out strategy))
        {
            errors.Add(FieldError.Invalid(
                Prefix + RequestFields.Strategy, ReceivedText.Quote(strategyText), RequestFields.AllowedStrategy));
        }

        var canary = ReadPercentage(
            defaults?.CanaryPercentage,
            RequestDefaults.BuiltInCanaryPercentage,
            99,
            RequestFields.CanaryPercentage,
            RequestFields.AllowedCanaryPercentage,
            errors);
        var linear = ReadPercentage(
            defaults?.LinearStepPercentage,
            RequestDefaults.BuiltInLinearStepPercentage,
            50,
            RequestFields.LinearStepPercentage,
            RequestFields.AllowedLinearStepPercentage,
            errors);
        return new ResolvedDefaults(strategy, canary, linear);
    }

    private static int ReadPercentage(
        int? value, int builtIn, int maximum, string field, string allowed, List<FieldError> errors)
    {
        if (value is not { } percentage)
        {
            return builtIn;
        }

        if (percentage < 1 || percentage > maximum)
        {
            errors.Add(FieldError.Invalid(Prefix + field, ReceivedText.Number(percentage), allowed));
        }

        return percentage;
    }
}
