using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Deploy.UpdateGuard;

/// <summary>
/// What CloudFormation sends a custom resource's Lambda function
/// (<see href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/crpg-ref-requests.html">custom resource request objects</see>).
/// CloudFormation passes the resource's scalar property values as strings.
/// </summary>
public sealed record CustomResourceRequest
{
    /// <summary><c>Create</c>, <c>Update</c> or <c>Delete</c>.</summary>
    [JsonPropertyName("RequestType")]
    public required string RequestType { get; init; }

    /// <summary>The pre-signed S3 URL the response is PUT to.</summary>
    [JsonPropertyName("ResponseURL")]
    public required string ResponseUrl { get; init; }

    /// <summary>The stack's ARN, echoed in the response.</summary>
    [JsonPropertyName("StackId")]
    public required string StackId { get; init; }

    /// <summary>The request's id, echoed in the response.</summary>
    [JsonPropertyName("RequestId")]
    public required string RequestId { get; init; }

    /// <summary>The resource type (<c>Custom::UpdateGuard</c>).</summary>
    [JsonPropertyName("ResourceType")]
    public string? ResourceType { get; init; }

    /// <summary>The resource's logical id, echoed in the response.</summary>
    [JsonPropertyName("LogicalResourceId")]
    public required string LogicalResourceId { get; init; }

    /// <summary>The physical id returned on Create (Update and Delete only).</summary>
    [JsonPropertyName("PhysicalResourceId")]
    public string? PhysicalResourceId { get; init; }

    /// <summary>The resource's properties in the template being applied.</summary>
    [JsonPropertyName("ResourceProperties")]
    public JsonObject? ResourceProperties { get; init; }

    /// <summary>The resource's properties before this update (Update only).</summary>
    [JsonPropertyName("OldResourceProperties")]
    public JsonObject? OldResourceProperties { get; init; }
}
