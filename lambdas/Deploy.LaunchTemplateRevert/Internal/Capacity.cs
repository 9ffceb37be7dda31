namespace Deploy.LaunchTemplateRevert.Internal;

/// <summary>A group's size, complete and checked.</summary>
internal readonly record struct Capacity(int MinSize, int MaxSize, int DesiredCapacity)
{
    public override string ToString() => $"min {MinSize}, max {MaxSize}, desired {DesiredCapacity}";
}
