namespace Deploy.StepFunctions;

/// <summary>A resource tag.</summary>
public sealed record Tag
{
    /// <summary>The tag key.</summary>
    public string Key { get; init; } = string.Empty;

    /// <summary>The tag value.</summary>
    public string Value { get; init; } = string.Empty;
}
