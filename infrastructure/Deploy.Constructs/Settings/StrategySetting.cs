using Deploy.Contracts;
using V = Deploy.Constructs.Internal.PropsValidation;

namespace Deploy.Constructs;

/// <summary>A <see cref="DeploymentStrategy"/> setting; its name in cdk.json (case-insensitive).</summary>
public sealed class StrategySetting : DeploymentSetting<DeploymentStrategy?>
{
    internal StrategySetting(string prop, string contextKey, string meaning, DeploymentStrategy @default,
        Func<DeploymentConfiguration, DeploymentStrategy?> get, Func<DeploymentConfiguration, DeploymentStrategy?, DeploymentConfiguration> with)
        : base(prop, contextKey, meaning, get, with)
    {
        Default = @default;
    }

    /// <summary>The default.</summary>
    public DeploymentStrategy Default { get; }

    /// <summary>The strategies' names as messages list them: <c>AllAtOnce, Canary or Linear</c>.</summary>
    public static string Names
    {
        get
        {
            var names = Enum.GetNames<DeploymentStrategy>();
            return $"{string.Join(", ", names[..^1])} or {names[^1]}";
        }
    }

    /// <inheritdoc/>
    public override string DefaultText => Default.ToString();

    /// <inheritdoc/>
    public override string AllowedText => string.Join(", ", Enum.GetNames<DeploymentStrategy>());

    /// <summary>The value <paramref name="configuration"/> sets, else the default.</summary>
    public DeploymentStrategy Resolve(DeploymentConfiguration? configuration) => (configuration is null ? null : Get(configuration)) ?? Default;

    /// <summary>A strategy's name (any case) as the strategy; <see langword="false"/> for any other text.</summary>
    public static bool TryParse(string text, out DeploymentStrategy strategy) =>
        Enum.TryParse(text, ignoreCase: true, out strategy) && Enum.IsDefined(strategy) && !int.TryParse(text, out _);

    /// <inheritdoc/>
    public override string ContextValueText(DeploymentConfiguration configuration) => Resolve(configuration).ToString();

    /// <inheritdoc/>
    internal override void Validate(DeploymentConfiguration configuration)
    {
        if (Get(configuration) is { } strategy && !Enum.IsDefined(strategy))
        {
            throw V.Error(QualifiedProp, $"got {(int)strategy}; use {Names}.");
        }
    }
}
