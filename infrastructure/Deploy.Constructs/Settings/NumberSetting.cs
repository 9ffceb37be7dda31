using V = Deploy.Constructs.Internal.PropsValidation;

namespace Deploy.Constructs;

/// <summary>A number setting (a percentage, a count, milliseconds); the same number in cdk.json.</summary>
public sealed class NumberSetting : DeploymentSetting<double?>
{
    internal NumberSetting(string prop, string contextKey, string meaning, double? @default, double min, double max,
        Func<DeploymentConfiguration, double?> get, Func<DeploymentConfiguration, double?, DeploymentConfiguration> with)
        : base(prop, contextKey, meaning, get, with)
    {
        Default = @default;
        Min = min;
        Max = max;
    }

    /// <summary>The default; <see langword="null"/> when the setting is off unless set (see <see cref="NoDefaultMeans"/>).</summary>
    public double? Default { get; }

    /// <summary>Smallest allowed value.</summary>
    public double Min { get; }

    /// <summary>Largest allowed value.</summary>
    public double Max { get; }

    /// <summary>Whether only whole numbers are allowed.</summary>
    public bool Whole { get; init; }

    /// <summary>The unit validation messages append to values (<c>%</c>, <c> ms</c>); empty for none.</summary>
    public string MessageUnit { get; init; } = string.Empty;

    /// <summary>What an unset value means when there is no default, as the docs state it.</summary>
    public string NoDefaultMeans { get; init; } = string.Empty;

    /// <inheritdoc/>
    public override string DefaultText => Default is { } value ? Format(value) : $"none ({NoDefaultMeans})";

    /// <inheritdoc/>
    public override string AllowedText => $"{Format(Min)}–{Format(Max)}{(Whole ? ", whole" : string.Empty)}";

    /// <summary>The value <paramref name="configuration"/> sets, else the default (<see langword="null"/> when neither).</summary>
    public double? Resolve(DeploymentConfiguration? configuration) => (configuration is null ? null : Get(configuration)) ?? Default;

    /// <inheritdoc/>
    public override string ContextValueText(DeploymentConfiguration configuration) =>
        Resolve(configuration) is { } value ? Format(value) : "none";

    /// <inheritdoc/>
    internal override void Validate(DeploymentConfiguration configuration)
    {
        if (Whole)
        {
            V.WholeNumber(Get(configuration), QualifiedProp, Min, Max);
        }
        else
        {
            V.Range(Get(configuration), QualifiedProp, Min, Max, MessageUnit);
        }
    }
}
