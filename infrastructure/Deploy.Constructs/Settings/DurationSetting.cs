using Amazon.CDK;
using V = Deploy.Constructs.Internal.PropsValidation;

namespace Deploy.Constructs;

/// <summary>A <see cref="Duration"/> setting; in cdk.json a number of <see cref="Unit"/>.</summary>
public sealed class DurationSetting : DeploymentSetting<Duration?>
{
    internal DurationSetting(string prop, string contextKey, SettingUnit unit, string meaning, Duration @default,
        Func<DeploymentConfiguration, Duration?> get, Func<DeploymentConfiguration, Duration?, DeploymentConfiguration> with)
        : base(prop, contextKey, meaning, get, with)
    {
        Unit = unit;
        Default = @default;
    }

    /// <summary>The unit of the cdk.json value.</summary>
    public SettingUnit Unit { get; }

    /// <summary>The default.</summary>
    public Duration Default { get; }

    /// <summary>Whether the duration must be longer than zero.</summary>
    public bool MustBePositive { get; init; }

    /// <summary>When set, the duration must be whole seconds within this range (inclusive, seconds).</summary>
    public (double Min, double Max)? WholeSecondsRange { get; init; }

    /// <summary>When set, the duration must be whole days within this range (inclusive, days).</summary>
    public (int Min, int Max)? WholeDaysRange { get; init; }

    /// <summary>A rule between settings that the constructor checks besides this setting's own, as the docs state it.</summary>
    public string? AlsoAllowed { get; init; }

    /// <inheritdoc/>
    public override string DefaultText => Describe(Default);

    /// <inheritdoc/>
    public override string AllowedText
    {
        get
        {
            var own = WholeSecondsRange is { } range ? $"{Format(range.Min)}–{Format(range.Max)} s, whole seconds"
                : WholeDaysRange is { } days ? $"{days.Min}–{days.Max} days, whole days"
                : MustBePositive ? "> 0" : "≥ 0";
            return AlsoAllowed is null ? own : $"{own}, {AlsoAllowed}";
        }
    }

    /// <summary>The value <paramref name="configuration"/> sets, else the default.</summary>
    public Duration Resolve(DeploymentConfiguration? configuration) => (configuration is null ? null : Get(configuration)) ?? Default;

    /// <inheritdoc/>
    public override string ContextValueText(DeploymentConfiguration configuration) =>
        Format(Resolve(configuration).ToMilliseconds() / 1000.0 / (int)Unit);

    /// <summary>A duration as the docs state it: <c>30 seconds</c>, <c>5 minutes</c>, <c>1 hour</c>.</summary>
    public static string Describe(Duration duration)
    {
        var seconds = duration.ToMilliseconds() / 1000.0;
        static string Plural(double amount, string unit) => $"{Format(amount)} {unit}{(amount == 1 ? string.Empty : "s")}";
        return seconds % 86_400 == 0 && seconds > 0 ? Plural(seconds / 86_400, "day")
            : seconds % 3600 == 0 && seconds > 0 ? Plural(seconds / 3600, "hour")
            : seconds % 60 == 0 && seconds > 0 ? Plural(seconds / 60, "minute")
            : Plural(seconds, "second");
    }

    /// <inheritdoc/>
    internal override void Validate(DeploymentConfiguration configuration)
    {
        var value = Get(configuration);
        if (WholeSecondsRange is { } range)
        {
            V.WholeSeconds(value, QualifiedProp, range.Min, range.Max);
        }

        if (WholeDaysRange is { } days)
        {
            V.WholeDays(value, QualifiedProp, days.Min, days.Max);
        }

        if (MustBePositive)
        {
            V.Positive(value, QualifiedProp);
        }
    }
}
