namespace Deploy.Contracts;

/// <summary>An Auto Scaling group's size as recorded by a deployment.</summary>
public sealed record CapacitySnapshot
{
    /// <summary>The minimum size, 0 or more.</summary>
    public int? MinSize { get; init; }

    /// <summary>The maximum size, at least <see cref="MinSize"/>.</summary>
    public int? MaxSize { get; init; }

    /// <summary>The desired capacity, between <see cref="MinSize"/> and <see cref="MaxSize"/>.</summary>
    public int? DesiredCapacity { get; init; }
}
