using System.Text.Json.Serialization;

namespace Deploy.UpdateGuard;

/// <summary>
/// What a custom resource answers CloudFormation
/// (<see href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/crpg-ref-responses.html">custom resource response objects</see>):
/// a <c>FAILED</c> status fails the stack operation with <see cref="Reason"/> as the resource's status reason.
/// </summary>
public sealed record CustomResourceResponse
{
    /// <summary>Status when the request was carried out.</summary>
    public const string Success = "SUCCESS";

    /// <summary>Status when it was refused.</summary>
    public const string Failed = "FAILED";

    /// <summary><see cref="Success"/> or <see cref="Failed"/>.</summary>
    [JsonPropertyName("Status")]
    public required string Status { get; init; }

    /// <summary>Why it failed; shown in the stack events and by <c>cdk deploy</c>.</summary>
    [JsonPropertyName("Reason")]
    public required string Reason { get; init; }

    /// <summary>The resource's physical id; the same on every request, so CloudFormation never replaces the guard.</summary>
    [JsonPropertyName("PhysicalResourceId")]
    public required string PhysicalResourceId { get; init; }

    /// <summary>Echoed from the request.</summary>
    [JsonPropertyName("StackId")]
    public required string StackId { get; init; }

    /// <summary>Echoed from the request.</summary>
    [JsonPropertyName("RequestId")]
    public required string RequestId { get; init; }

    /// <summary>Echoed from the request.</summary>
    [JsonPropertyName("LogicalResourceId")]
    public required string LogicalResourceId { get; init; }

    /// <summary>The guard returns no attributes.</summary>
    [JsonPropertyName("NoEcho")]
    public bool NoEcho { get; init; }
}
