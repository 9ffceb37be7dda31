using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Authorization;

/// <summary>One request as IAM evaluates it: an action on a resource with the request's condition keys.</summary>
public sealed record AuthorizationRequest
{
    /// <summary>The IAM action, for example <c>elasticloadbalancing:ModifyRule</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The resource ARN, or <c>*</c> for an action without resource-level permissions.</summary>
    public required string Resource { get; init; }

    /// <summary>The request's condition keys and their values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Context { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The resource's own policy (a KMS key policy), or <see langword="null"/>.</summary>
    public JsonObject? ResourcePolicy { get; init; }

    /// <summary>A text equal for equal requests (the evaluator's cache key).</summary>
    public string Key => string.Join('\u001f',
        [Action, Resource, .. Context.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={string.Join('\u001e', c.Value)}"),
            ResourcePolicy?.ToJsonString() ?? string.Empty]);

    /// <summary>The request as <c>scripts/rehearsal/authorize.mjs</c> reads it.</summary>
    internal JsonObject ToJson()
    {
        var context = new JsonObject();
        foreach (var (key, values) in Context)
        {
            context[key] = values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }

        return new JsonObject
        {
            ["action"] = Action,
            ["resource"] = Resource,
            ["context"] = context,
            ["resourcePolicy"] = ResourcePolicy?.DeepClone(),
        };
    }
}
