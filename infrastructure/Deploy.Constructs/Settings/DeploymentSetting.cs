using System.Globalization;

namespace Deploy.Constructs;

/// <summary>
/// One setting of <see cref="DeploymentConfiguration"/>, as <see cref="DeploymentSettings.All"/> declares it: the prop, its
/// key in the bundled app's cdk.json, what it means, its default and what is allowed. The props validation, the defaults,
/// the cdk.json reader and the README's configuration reference are derived from these declarations.
/// </summary>
public abstract class DeploymentSetting
{
    private protected DeploymentSetting(string prop, string contextKey, string meaning)
    {
        Prop = prop;
        ContextKey = contextKey;
        Meaning = meaning;
    }

    /// <summary>The <see cref="DeploymentConfiguration"/> property, for example <c>GracePeriod</c>.</summary>
    public string Prop { get; }

    /// <summary>
    /// The key of this setting in an environment of the bundled app's cdk.json (<c>environments.&lt;name&gt;</c>), with
    /// its unit in the name where it has one, for example <c>gracePeriodMinutes</c>.
    /// </summary>
    public string ContextKey { get; }

    /// <summary>What the setting does, in a sentence fragment (the README's "meaning" column).</summary>
    public string Meaning { get; }

    /// <summary>The default as the docs state it, for example <c>5 minutes</c>.</summary>
    public abstract string DefaultText { get; }

    /// <summary>What is allowed, for example <c>1–99, whole</c>.</summary>
    public abstract string AllowedText { get; }

    /// <summary>The prop as validation messages name it: <c>DeploymentConfiguration.GracePeriod</c>.</summary>
    public string QualifiedProp => $"{nameof(DeploymentConfiguration)}.{Prop}";

    /// <summary>Whether <paramref name="configuration"/> sets this setting.</summary>
    public abstract bool IsSetIn(DeploymentConfiguration configuration);

    /// <summary><paramref name="own"/>, with this setting taken from <paramref name="defaults"/> when <paramref name="own"/> leaves it unset.</summary>
    public abstract DeploymentConfiguration Inherit(DeploymentConfiguration own, DeploymentConfiguration defaults);

    /// <summary>The value <paramref name="configuration"/> resolves to (its own, else the default) in the setting's cdk.json unit, as the docs show it.</summary>
    public abstract string ContextValueText(DeploymentConfiguration configuration);

    /// <summary>Throws <see cref="InvalidPropsException"/> when <paramref name="configuration"/> sets a value that is not allowed.</summary>
    internal abstract void Validate(DeploymentConfiguration configuration);

    private protected static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
