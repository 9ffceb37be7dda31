namespace Deploy.Constructs.Internal;

/// <summary>What becomes of one counter of <c>$.counters</c> when <see cref="CounterUpdate"/> rewrites them.</summary>
internal sealed record CounterChange
{
    private CounterChange(object? value, object? delta)
    {
        Value = value;
        Delta = delta;
    }

    /// <summary>The value it is set to, or null.</summary>
    public object? Value { get; }

    /// <summary>What is added to it, or null.</summary>
    public object? Delta { get; }

    /// <summary>It keeps its value.</summary>
    public static CounterChange Keep { get; } = new(null, null);

    /// <summary>It is set to <paramref name="value"/>.</summary>
    public static CounterChange Set(object value) => new(value, null);

    /// <summary><paramref name="delta"/> is added to it (<c>States.MathAdd</c>).</summary>
    public static CounterChange By(object delta) => new(null, delta);
}
