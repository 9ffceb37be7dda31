using System.Text.Json;
using Deploy.Contracts;
using Deploy.Rules.Internal;

namespace Deploy.Rules;

/// <summary>
/// Validates a raw deployment request and normalizes it: defaults applied, strategy in canonical
/// casing, traffic steps computed. Pure: no I/O, no exceptions for bad input.
/// </summary>
/// <remarks>
/// <para>Rules (a null field value counts as absent):</para>
/// <list type="bullet">
/// <item><c>version</c>: required; 1-128 characters of <c>A-Z a-z 0-9 . _ + -</c>.</item>
/// <item><c>imageId</c>: <c>ami-</c> and 8 or 17 lowercase hexadecimal digits.</item>
/// <item><c>launchTemplateVersion</c>: a positive integer JSON number (not a string, not 0, not 5.5).</item>
/// <item><c>artifact</c>: <c>s3://bucket/key</c>, bucket 3-63 of <c>a-z 0-9 . -</c> starting and ending alphanumeric, key not empty.</item>
/// <item>At least one of <c>imageId</c>, <c>launchTemplateVersion</c>, <c>artifact</c>.</item>
/// <item><c>strategy</c>: AllAtOnce, Canary or Linear, any casing; default from the environment.</item>
/// <item><c>canaryPercentage</c>: 1-99; <c>linearStepPercentage</c>: 1-50; defaults from the environment.</item>
/// <item><c>requestedBy</c>: a string of at most 128 characters; <c>reason</c>: at most 512.</item>
/// <item>Any other field is an error, as is a field given twice.</item>
/// </list>
/// <para>
/// Every bad field is reported in one <see cref="DeployErrors.InvalidRequest"/> error. A missing or
/// non-object request (or a string that is not the JSON of an object) is also
/// <see cref="DeployErrors.InvalidRequest"/>; invalid environment defaults are
/// <see cref="DeployErrors.MalformedInput"/>, and so are an invalid <c>startedAt</c> or <c>recordRetentionDays</c>
/// (see <see cref="ValidateRequestOutput.RecordExpiresAt"/>).
/// </para>
/// </remarks>
public static class RequestValidator
{
    private const string RequestSummary = "The deployment request is invalid";
    private const string DefaultsSummary = "The environment defaults given to ValidateRequest are invalid";
    private const string RetentionSummary = "The record retention given to ValidateRequest is invalid";

    /// <summary>Validates <paramref name="input"/>.</summary>
    /// <param name="input">The raw request and the environment defaults.</param>
    /// <returns>The normalized request, or an error.</returns>
    public static ValidateRequestOutput Validate(ValidateRequestInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var defaultErrors = new List<FieldError>();
        var defaults = DefaultsReader.Read(input.Defaults, defaultErrors);
        if (defaultErrors.Count > 0)
        {
            return Failure(DeployErrors.MalformedInput, DefaultsSummary, defaultErrors);
        }

        var retentionErrors = new List<FieldError>();
        var expiresAt = RecordExpiry.Read(input.StartedAt, input.RecordRetentionDays, retentionErrors);
        if (retentionErrors.Count > 0)
        {
            return Failure(DeployErrors.MalformedInput, RetentionSummary, retentionErrors);
        }

        var output = ValidateRequest(input.Request, defaults);
        return output.Error is null ? output with { RecordExpiresAt = expiresAt } : output;
    }

    private static ValidateRequestOutput ValidateRequest(JsonElement? raw, ResolvedDefaults defaults)
    {
        if (raw is not { ValueKind: not JsonValueKind.Null } request)
        {
            return Failure(FieldError.Required(RequestFields.Request, RequestFields.AllowedRequest));
        }

        if (request.ValueKind == JsonValueKind.String)
        {
            return ValidateEmbedded(request, defaults);
        }

        return ValidateObject(request, request, defaults);
    }

    /// <summary>A request passed as a string holding its JSON (for example an HTTP body).</summary>
    private static ValidateRequestOutput ValidateEmbedded(JsonElement request, ResolvedDefaults defaults)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request.GetString()!);
        }
        catch (JsonException)
        {
            return Failure(FieldError.Create(
                RequestFields.Request,
                $"{ReceivedText.Describe(request)} is not valid JSON; {RequestFields.AllowedRequest}"));
        }

        using (document)
        {
            return ValidateObject(document.RootElement, request, defaults);
        }
    }

    private static ValidateRequestOutput ValidateObject(JsonElement request, JsonElement received, ResolvedDefaults defaults)
    {
        if (request.ValueKind != JsonValueKind.Object)
        {
            return Failure(FieldMessages.Invalid(RequestFields.Request, received, RequestFields.AllowedRequest));
        }

        var errors = new List<FieldError>();
        var raw = RequestReader.Read(request, errors);
        if (errors.Count > 0)
        {
            return Failure(DeployErrors.InvalidRequest, RequestSummary, errors);
        }

        return new ValidateRequestOutput { Request = Normalize(raw, defaults) };
    }

    private static DeploymentRequest Normalize(RawRequest raw, ResolvedDefaults defaults)
    {
        var strategy = raw.Strategy ?? defaults.Strategy;
        var canary = raw.CanaryPercentage ?? defaults.CanaryPercentage;
        var linear = raw.LinearStepPercentage ?? defaults.LinearStepPercentage;
        var steps = TrafficSteps.Plan(strategy, canary, linear);
        return new DeploymentRequest
        {
            Version = raw.Version!,
            ImageId = raw.ImageId,
            LaunchTemplateVersion = raw.LaunchTemplateVersion,
            Artifact = raw.Artifact,
            Strategy = strategy,
            CanaryPercentage = canary,
            LinearStepPercentage = linear,
            RequestedBy = raw.RequestedBy,
            Reason = raw.Reason,
            TrafficSteps = steps,
            TrafficPlan = steps.Select((weight, i) => new TrafficStep { NewWeight = weight, OldWeight = 100 - weight, Last = i == steps.Count - 1 }).ToList(),
            LaunchTemplateData = LaunchTemplateDataFor(raw.Version!, raw.ImageId, raw.Artifact),
        };
    }

    private static LaunchTemplateData LaunchTemplateDataFor(string version, string? imageId, string? artifact)
    {
        var tags = new List<Tag> { new() { Key = InstanceTags.Version, Value = version } };
        if (artifact is not null)
        {
            tags.Add(new Tag { Key = InstanceTags.Artifact, Value = artifact });
        }

        return new LaunchTemplateData
        {
            ImageId = imageId,
            TagSpecifications = [new TagSpecification { ResourceType = "instance", Tags = tags }],
        };
    }

    private static ValidateRequestOutput Failure(FieldError requestError) =>
        Failure(DeployErrors.InvalidRequest, RequestSummary, [requestError]);

    private static ValidateRequestOutput Failure(string name, string summary, IReadOnlyList<FieldError> errors) =>
        new() { Error = DeployError.ForFields(name, summary, errors) };
}
