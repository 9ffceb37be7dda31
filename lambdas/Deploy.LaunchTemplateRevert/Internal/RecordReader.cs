using System.Globalization;
using System.Text.Json;
using Deploy.Contracts;

namespace Deploy.LaunchTemplateRevert.Internal;

/// <summary>Checks the record and collects every problem with it.</summary>
internal static class RecordReader
{
    public const string AllowedRecord =
        "use the deployment record's groupName, launchTemplateId, previousLaunchTemplateVersion and previousCapacity";
    public const string AllowedGroupName = "use the Auto Scaling group's name";
    public const string AllowedTemplateId = "use the launch template id, e.g. lt-0123456789abcdef0";
    public const string AllowedVersion =
        "use a positive integer launch-template version as a JSON string or number, never $Latest or $Default";
    public const string AllowedCapacity = "use an object with minSize, maxSize and desiredCapacity";
    public const string AllowedSize = "use a whole number of 0 or more";

    private const string Prefix = "record.";
    private const string CapacityPrefix = "record.previousCapacity.";

    public static RecordedState? Read(RevertRecord? record, List<FieldError> errors)
    {
        if (record is null)
        {
            errors.Add(FieldError.Required("record", AllowedRecord));
            return null;
        }

        var groupName = RequireText(record.GroupName, Prefix + "groupName", AllowedGroupName, errors);
        var templateId = RequireText(record.LaunchTemplateId, Prefix + "launchTemplateId", AllowedTemplateId, errors);
        var version = ReadVersion(record.PreviousLaunchTemplateVersion, errors);
        var capacity = ReadCapacity(record.PreviousCapacity, errors);
        return groupName is null || templateId is null || version is null || capacity is null
            ? null
            : new RecordedState(groupName, templateId, version.Value, capacity.Value);
    }

    /// <summary>A numbered version: digits only, above zero. <c>$Latest</c> and <c>$Default</c> are not numbered.</summary>
    public static bool TryParseVersion(string? text, out long version) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;

    private static string? RequireText(string? value, string field, string allowed, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(FieldError.Required(field, allowed));
            return null;
        }

        return value;
    }

    private static long? ReadVersion(JsonElement? value, List<FieldError> errors)
    {
        const string field = Prefix + "previousLaunchTemplateVersion";
        if (value is not { ValueKind: not JsonValueKind.Null } element)
        {
            errors.Add(FieldError.Required(field, AllowedVersion));
            return null;
        }

        var valid = element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt64(out var number) && number > 0 ? number : (long?)null,
            JsonValueKind.String => TryParseVersion(element.GetString(), out var parsed) ? parsed : null,
            _ => null,
        };
        if (valid is null)
        {
            errors.Add(FieldError.Invalid(field, ReceivedText.Describe(element), AllowedVersion));
        }

        return valid;
    }

    private static Capacity? ReadCapacity(CapacitySnapshot? capacity, List<FieldError> errors)
    {
        if (capacity is null)
        {
            errors.Add(FieldError.Required(Prefix + "previousCapacity", AllowedCapacity));
            return null;
        }

        var min = ReadSize(capacity.MinSize, "minSize", errors);
        var max = ReadSize(capacity.MaxSize, "maxSize", errors);
        var desired = ReadSize(capacity.DesiredCapacity, "desiredCapacity", errors);
        if (min is null || max is null || desired is null)
        {
            return null;
        }

        if (max < min)
        {
            errors.Add(FieldError.Invalid(
                CapacityPrefix + "maxSize", ReceivedText.Number(max.Value), $"use a whole number of at least minSize ({min})"));
            return null;
        }

        if (desired < min || desired > max)
        {
            errors.Add(FieldError.Invalid(
                CapacityPrefix + "desiredCapacity",
                ReceivedText.Number(desired.Value),
                $"use a whole number from minSize ({min}) to maxSize ({max})"));
            return null;
        }

        return new Capacity(min.Value, max.Value, desired.Value);
    }

    private static int? ReadSize(int? value, string name, List<FieldError> errors)
    {
        if (value is not { } size)
        {
            errors.Add(FieldError.Required(CapacityPrefix + name, AllowedSize));
            return null;
        }

        if (size < 0)
        {
            errors.Add(FieldError.Invalid(CapacityPrefix + name, ReceivedText.Number(size), AllowedSize));
            return null;
        }

        return size;
    }
}
