namespace Deploy.Constructs.Internal;

/// <summary>An Auto Scaling group as a task names it: known at synth (its name), or found in the state (a path to its name).</summary>
internal sealed record GroupRef
{
    private GroupRef(string? path, string? name)
    {
        Path = path;
        Name = name;
    }

    /// <summary>The path to the group's name, or null.</summary>
    public string? Path { get; }

    /// <summary>The group's name, or null.</summary>
    public string? Name { get; }

    /// <summary>The group whose name is at <paramref name="path"/>.</summary>
    public static GroupRef At(string path) => new(path, null);

    /// <summary>The group named <paramref name="name"/>.</summary>
    public static GroupRef Named(string name) => new(null, name);

    /// <summary>A request member naming the group: <c>key</c> with the name, or <c>key.$</c> with the path.</summary>
    public KeyValuePair<string, object> Entry(string key) => Path is null ? new(key, Name!) : new($"{key}.$", Path);

    /// <summary>The <c>AutoScalingGroupNames</c> member of a DescribeAutoScalingGroups request for this one group.</summary>
    public KeyValuePair<string, object> AsNames() =>
        Path is null ? new("AutoScalingGroupNames", new[] { Name! }) : new("AutoScalingGroupNames.$", $"States.Array({Path})");
}
