namespace Deploy.Constructs;

/// <summary>A yes/no setting; <c>true</c> or <c>false</c> in cdk.json.</summary>
public sealed class FlagSetting : DeploymentSetting<bool?>
{
    internal FlagSetting(string prop, string contextKey, string meaning, bool @default,
        Func<DeploymentConfiguration, bool?> get, Func<DeploymentConfiguration, bool?, DeploymentConfiguration> with)
        : base(prop, contextKey, meaning, get, with)
    {
        Default = @default;
    }

    /// <summary>The default.</summary>
    public bool Default { get; }

    /// <inheritdoc/>
    public override string DefaultText => Default ? "true" : "false";

    /// <inheritdoc/>
    public override string AllowedText => "true, false";

    /// <summary>The value <paramref name="configuration"/> sets, else the default.</summary>
    public bool Resolve(DeploymentConfiguration? configuration) => (configuration is null ? null : Get(configuration)) ?? Default;

    /// <inheritdoc/>
    public override string ContextValueText(DeploymentConfiguration configuration) => Resolve(configuration) ? "true" : "false";

    /// <inheritdoc/>
    internal override void Validate(DeploymentConfiguration configuration)
    {
        // Every value of a bool is allowed.
    }
}
