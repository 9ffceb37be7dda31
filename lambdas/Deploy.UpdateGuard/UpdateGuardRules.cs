using System.Text.Json.Nodes;
using Deploy.Contracts;

namespace Deploy.UpdateGuard;

/// <summary>
/// The guard's decision, a pure function of the request: Create and Delete always succeed; an Update succeeds unless a
/// field that exists before and after has a different value, and then fails with every such field's advice. A field the
/// old properties lack (a guard added later) is accepted as it is, and a field that disappears is no longer guarded.
/// </summary>
/// <remarks>
/// A failed Update makes CloudFormation roll the stack update back; the resources that depend on the guard are not
/// updated (CloudFormation updates a resource after the ones it depends on). The response is limited in size
/// ("The total size of the response body can't exceed 4096 bytes", custom resource response objects), so values and the
/// reason are shortened.
/// </remarks>
public static class UpdateGuardRules
{
    /// <summary>The longest reason sent; the response's other members are short.</summary>
    public const int MaxReasonLength = 3000;

    /// <summary>The longest value shown in a reason.</summary>
    public const int MaxValueLength = 240;

    /// <summary>Decides the response to <paramref name="request"/>.</summary>
    public static CustomResourceResponse Decide(CustomResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var physicalId = request.PhysicalResourceId ?? request.LogicalResourceId;
        var (status, reason) = request.RequestType switch
        {
            "Create" or "Delete" => (CustomResourceResponse.Success, "OK"),
            "Update" => Update(request),
            var other => (CustomResourceResponse.Failed, $"Unknown request type \"{other}\"; CloudFormation sends Create, Update or Delete."),
        };

        return new CustomResourceResponse
        {
            Status = status,
            Reason = Shorten(reason, MaxReasonLength),
            PhysicalResourceId = physicalId,
            StackId = request.StackId,
            RequestId = request.RequestId,
            LogicalResourceId = request.LogicalResourceId,
        };
    }

    /// <summary>Every guarded field whose value differs between <paramref name="old"/> and <paramref name="current"/>, in the current order.</summary>
    public static IReadOnlyList<string> ChangedFields(JsonObject? old, JsonObject? current)
    {
        var before = old?[UpdateGuardProperties.Fields] as JsonObject;
        var after = current?[UpdateGuardProperties.Fields] as JsonObject;
        if (before is null || after is null)
        {
            return [];
        }

        return after
            .Where(field => before.ContainsKey(field.Key) && !JsonNode.DeepEquals(before[field.Key], field.Value))
            .Select(field => field.Key)
            .ToList();
    }

    private static (string Status, string Reason) Update(CustomResourceRequest request)
    {
        var changed = ChangedFields(request.OldResourceProperties, request.ResourceProperties);
        if (changed.Count == 0)
        {
            return (CustomResourceResponse.Success, "OK");
        }

        var properties = request.ResourceProperties!;
        var before = (JsonObject)request.OldResourceProperties![UpdateGuardProperties.Fields]!;
        var after = (JsonObject)properties[UpdateGuardProperties.Fields]!;
        var advice = properties[UpdateGuardProperties.Advice] as JsonObject;
        var subject = Text(properties[UpdateGuardProperties.Subject]) ?? request.LogicalResourceId;
        var reasons = changed.Select(field =>
        {
            var text = $"{field} would change from {Show(before[field])} to {Show(after[field])}.";
            return Text(advice?[field]) is { } how ? $"{text} {how}" : text;
        });
        return (CustomResourceResponse.Failed,
            $"{subject} refused this stack update, which CloudFormation rolls back: {string.Join(" ", reasons)}");
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Show(JsonNode? node) => Shorten(node?.ToJsonString() ?? "null", MaxValueLength);

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
