namespace Deploy.Constructs;

/// <summary>A <see cref="DeploymentSetting"/> whose <see cref="DeploymentConfiguration"/> property has the type <typeparamref name="TValue"/> (nullable: unset is null).</summary>
/// <typeparam name="TValue">The property's type, for example <c>Duration?</c>.</typeparam>
public abstract class DeploymentSetting<TValue> : DeploymentSetting
{
    private readonly Func<DeploymentConfiguration, TValue> _get;
    private readonly Func<DeploymentConfiguration, TValue, DeploymentConfiguration> _with;

    private protected DeploymentSetting(string prop, string contextKey, string meaning,
        Func<DeploymentConfiguration, TValue> get, Func<DeploymentConfiguration, TValue, DeploymentConfiguration> with)
        : base(prop, contextKey, meaning)
    {
        _get = get;
        _with = with;
    }

    /// <summary>The value <paramref name="configuration"/> sets; <see langword="null"/> when unset.</summary>
    public TValue Get(DeploymentConfiguration configuration) => _get(configuration);

    /// <summary><paramref name="configuration"/> with this setting set to <paramref name="value"/>.</summary>
    public DeploymentConfiguration With(DeploymentConfiguration configuration, TValue value) => _with(configuration, value);

    /// <inheritdoc/>
    public override bool IsSetIn(DeploymentConfiguration configuration) => Get(configuration) is not null;

    /// <inheritdoc/>
    public override DeploymentConfiguration Inherit(DeploymentConfiguration own, DeploymentConfiguration defaults) =>
        IsSetIn(own) ? own : With(own, Get(defaults));
}
