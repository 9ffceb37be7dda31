using Deploy.Contracts;

namespace Deploy.LaunchTemplateRevert.Internal;

/// <summary>Finds the recorded group in the DescribeAutoScalingGroups response and reads its size.</summary>
internal static class GroupReader
{
    public const string AllowedGroup = "use the DescribeAutoScalingGroups response for the recorded group";
    public const string AllowedSize = "use the group description as DescribeAutoScalingGroups returns it";

    private const string GroupsField = "group.AutoScalingGroups";

    public static bool HasGroups(DescribeAutoScalingGroupsResponse? response, List<FieldError> errors)
    {
        if (response is null)
        {
            errors.Add(FieldError.Required("group", AllowedGroup));
            return false;
        }

        if (response.AutoScalingGroups is null)
        {
            errors.Add(FieldError.Required(GroupsField, AllowedGroup));
            return false;
        }

        return true;
    }

    public static (AutoScalingGroup Group, Capacity Capacity)? Find(
        IReadOnlyList<AutoScalingGroup?> groups, string groupName, List<FieldError> errors)
    {
        for (var i = 0; i < groups.Count; i++)
        {
            if (groups[i] is { } group && string.Equals(group.AutoScalingGroupName, groupName, StringComparison.Ordinal))
            {
                return ReadCapacity(group, $"{GroupsField}[{i}].", errors) is { } capacity ? (group, capacity) : null;
            }
        }

        errors.Add(FieldError.Create(
            GroupsField,
            $"does not contain the recorded group {ReceivedText.Quote(groupName)} ({Described(groups)}); {AllowedGroup}"));
        return null;
    }

    private static Capacity? ReadCapacity(AutoScalingGroup group, string prefix, List<FieldError> errors)
    {
        var count = errors.Count;
        if (group.MinSize is null)
        {
            errors.Add(FieldError.Required(prefix + "MinSize", AllowedSize));
        }

        if (group.MaxSize is null)
        {
            errors.Add(FieldError.Required(prefix + "MaxSize", AllowedSize));
        }

        if (group.DesiredCapacity is null)
        {
            errors.Add(FieldError.Required(prefix + "DesiredCapacity", AllowedSize));
        }

        return errors.Count == count
            ? new Capacity(group.MinSize!.Value, group.MaxSize!.Value, group.DesiredCapacity!.Value)
            : null;
    }

    private static string Described(IReadOnlyList<AutoScalingGroup?> groups)
    {
        var names = new List<string>(groups.Count);
        foreach (var group in groups)
        {
            if (group?.AutoScalingGroupName is { } name)
            {
                names.Add(ReceivedText.Quote(name));
            }
        }

        return names.Count == 0 ? "it describes no groups" : $"it describes {string.Join(", ", names)}";
    }
}
