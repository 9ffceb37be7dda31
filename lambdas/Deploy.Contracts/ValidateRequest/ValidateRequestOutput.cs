using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>The ValidateRequest handler's output: the normalized request, or an error.</summary>
public sealed record ValidateRequestOutput
{
    /// <summary>The normalized request; omitted when <see cref="Error"/> is set.</summary>
    public DeploymentRequest? Request { get; init; }

    /// <summary>
    /// <see langword="null"/> on success (always written, so the state machine can test <c>$.error</c>);
    /// otherwise <see cref="DeployErrors.InvalidRequest"/> or <see cref="DeployErrors.MalformedInput"/>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DeployError? Error { get; init; }

    /// <summary>
    /// When DynamoDB may delete the deployment record: <see cref="ValidateRequestInput.StartedAt"/> plus
    /// <see cref="ValidateRequestInput.RecordRetentionDays"/>, in Unix epoch seconds (the format of a table's TTL
    /// attribute); <see langword="null"/> when the input gives neither, and on an error. Always written, so the state machine
    /// can read it as a path.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long? RecordExpiresAt { get; init; }
}
