using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Authorization;

/// <summary>
/// One SDK call an <c>AwsCustomResource</c> of the template makes (its <c>Create</c>, <c>Update</c> or <c>Delete</c>
/// property), and the role its provider function runs as.
/// </summary>
public sealed record CustomResourceCall
{
    /// <summary>The custom resource's logical id.</summary>
    public required string LogicalId { get; init; }

    /// <summary>The custom resource's type, for example <c>Custom::WeightedListenerRule</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The logical id of the role the provider function runs as.</summary>
    public required string RoleLogicalId { get; init; }

    /// <summary>The lifecycle event: <c>Create</c>, <c>Update</c> or <c>Delete</c>.</summary>
    public required string Event { get; init; }

    /// <summary>The SDK service, as the provider names it (<c>ElasticLoadBalancingV2</c>, <c>AutoScaling</c>).</summary>
    public required string Service { get; init; }

    /// <summary>The SDK action, for example <c>createRule</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The call's parameters (the physical-id marker already replaced).</summary>
    public required JsonObject Parameters { get; init; }
}
