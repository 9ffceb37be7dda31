using System.Text.Json;
using Deploy.Contracts;

namespace Deploy.Rules.Internal;

/// <summary>
/// Walks a request object field by field and collects every problem, so one answer lists them all.
/// A field whose value is JSON <c>null</c> counts as absent.
/// </summary>
internal static class RequestReader
{
    public static RawRequest Read(JsonElement request, List<FieldError> errors)
    {
        var raw = new RawRequest();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in request.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                if (RequestFields.Known.Contains(property.Name))
                {
                    errors.Add(FieldMessages.Duplicate(property.Name));
                }

                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.Null)
            {
                ReadField(property.Name, property.Value, raw, errors);
            }
        }

        if (raw.Version is null && !HasValue(request, RequestFields.Version))
        {
            errors.Add(FieldError.Required(RequestFields.Version, RequestFields.AllowedVersion));
        }

        if (!raw.HasSource)
        {
            errors.Add(FieldError.Create(
                RequestFields.Request,
                "none of imageId, launchTemplateVersion, artifact is given; give at least one"));
        }

        return raw;
    }

    private static void ReadField(string name, JsonElement value, RawRequest raw, List<FieldError> errors)
    {
        switch (name)
        {
            case RequestFields.Version:
                raw.Version = ReadString(name, value, TextRules.IsVersion, RequestFields.AllowedVersion, errors);
                break;
            case RequestFields.ImageId:
                raw.HasSource = true;
                raw.ImageId = ReadString(name, value, TextRules.IsImageId, RequestFields.AllowedImageId, errors);
                break;
            case RequestFields.LaunchTemplateVersion:
                raw.HasSource = true;
                raw.LaunchTemplateVersion = ReadLaunchTemplateVersion(value, errors);
                break;
            case RequestFields.Artifact:
                raw.HasSource = true;
                raw.Artifact = ReadString(name, value, TextRules.IsArtifact, RequestFields.AllowedArtifact, errors);
                break;
            case RequestFields.Strategy:
                raw.Strategy = ReadStrategy(value, errors);
                break;
            case RequestFields.CanaryPercentage:
                raw.CanaryPercentage = ReadPercentage(name, value, 99, RequestFields.AllowedCanaryPercentage, errors);
                break;
            case RequestFields.LinearStepPercentage:
                raw.LinearStepPercentage = ReadPercentage(name, value, 50, RequestFields.AllowedLinearStepPercentage, errors);
                break;
            case RequestFields.RequestedBy:
                raw.RequestedBy = ReadString(
                    name, value, text => text.Length <= RequestFields.MaxRequestedByLength, RequestFields.AllowedRequestedBy, errors);
                break;
            case RequestFields.Reason:
                raw.Reason = ReadString(
                    name, value, text => text.Length <= RequestFields.MaxReasonLength, RequestFields.AllowedReason, errors);
                break;
            default:
                errors.Add(FieldMessages.Unknown(name));
                break;
        }
    }

    private static string? ReadString(
        string name, JsonElement value, Func<string, bool> isValid, string allowed, List<FieldError> errors)
    {
        if (value.ValueKind == JsonValueKind.String && isValid(value.GetString()!))
        {
            return value.GetString();
        }

        errors.Add(FieldMessages.Invalid(name, value, allowed));
        return null;
    }

    private static long? ReadLaunchTemplateVersion(JsonElement value, List<FieldError> errors)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var version) && version > 0)
        {
            return version;
        }

        errors.Add(FieldMessages.Invalid(
            RequestFields.LaunchTemplateVersion, value, RequestFields.AllowedLaunchTemplateVersion));
        return null;
    }

    private static DeploymentStrategy? ReadStrategy(JsonElement value, List<FieldError> errors)
    {
        if (value.ValueKind == JsonValueKind.String && StrategyNames.TryParse(value.GetString()!, out var strategy))
        {
            return strategy;
        }

        errors.Add(FieldMessages.Invalid(RequestFields.Strategy, value, RequestFields.AllowedStrategy));
        return null;
    }

    private static int? ReadPercentage(string name, JsonElement value, int maximum, string allowed, List<FieldError> errors)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var percentage) && percentage >= 1 && percentage <= maximum)
        {
            return percentage;
        }

        errors.Add(FieldMessages.Invalid(name, value, allowed));
        return null;
    }

    private static bool HasValue(JsonElement request, string name) =>
        request.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
}
