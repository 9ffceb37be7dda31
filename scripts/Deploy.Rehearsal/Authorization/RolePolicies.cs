using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Authorization;

/// <summary>An IAM role of the synthesized template and every identity-based policy attached to it.</summary>
public sealed record RolePolicies
{
    /// <summary>The role's logical id.</summary>
    public required string LogicalId { get; init; }

    /// <summary>The role's (fake) ARN, <c>arn:aws:iam::123456789012:role/&lt;logical id&gt;</c>.</summary>
    public required string Arn { get; init; }

    /// <summary>The policies whose documents the template holds.</summary>
    public required IReadOnlyList<RolePolicy> Policies { get; init; }

    /// <summary>Attached managed policies whose documents are not in the template (AWS managed policies); not evaluated.</summary>
    public IReadOnlyList<string> UnresolvedManagedPolicyArns { get; init; } = [];

    /// <summary>
    /// The principal a request runs as: the role's session (<c>arn:aws:sts::&lt;account&gt;:assumed-role/&lt;role&gt;/&lt;session&gt;</c>),
    /// as a service that assumes the role (Step Functions, Lambda) signs its calls
    /// (<see href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns">IAM identifiers</see>).
    /// The session name is the service's choice; ours is fixed.
    /// </summary>
    public string SessionArn
    {
        get
        {
            var name = Arn[(Arn.LastIndexOf('/') + 1)..];
            var account = Arn.Split(':')[4];
            return $"arn:aws:sts::{account}:assumed-role/{name}/rehearsal";
        }
    }

    /// <summary>A digest of the policy documents: equal for equal policies (the evaluator's cache key).</summary>
    public string Key => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join('\n', Policies.Select(p => p.Document.ToJsonString())))))[..24];

    /// <summary>
    /// A copy without the statements <paramref name="remove"/> matches (a statement is a JSON object of a policy's
    /// <c>Statement</c>), for example to prove that a scenario needs one of them.
    /// </summary>
    public RolePolicies WithoutStatements(Func<JsonObject, bool> remove)
    {
        ArgumentNullException.ThrowIfNull(remove);
        var policies = Policies.Select(p =>
        {
            var document = (JsonObject)p.Document.DeepClone();
            var statements = document["Statement"] switch
            {
                JsonArray array => array.OfType<JsonObject>().ToList(),
                JsonObject single => [single],
                _ => [],
            };
            var kept = new JsonArray(statements.Where(s => !remove(s)).Select(s => (JsonNode)s.DeepClone()).ToArray());
            document["Statement"] = kept;
            return p with { Document = document };
        }).ToList();
        return this with { Policies = policies };
    }

    /// <summary>
    /// A copy in which no statement names <paramref name="action"/> any more: it is taken out of each statement's <c>Action</c>,
    /// and a statement left with no action is removed (other actions merged into the same statement keep their grant).
    /// </summary>
    public RolePolicies WithoutAction(string action)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        var policies = Policies.Select(p =>
        {
            var document = (JsonObject)p.Document.DeepClone();
            var statements = document["Statement"] switch
            {
                JsonArray array => array.OfType<JsonObject>().ToList(),
                JsonObject single => [single],
                _ => [],
            };
            var kept = new JsonArray();
            foreach (var statement in statements)
            {
                var actions = statement["Action"] switch
                {
                    JsonValue one => [(string)one!],
                    JsonArray many => many.Select(a => (string)a!).ToList(),
                    _ => new List<string>(),
                };
                var left = actions.Where(a => !string.Equals(a, action, StringComparison.OrdinalIgnoreCase)).ToList();
                if (left.Count == 0 && actions.Count > 0)
                {
                    continue;
                }

                var copy = (JsonObject)statement.DeepClone();
                if (left.Count != actions.Count)
                {
                    copy["Action"] = left.Count == 1 ? JsonValue.Create(left[0]) : new JsonArray(left.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray());
                }

                kept.Add(copy);
            }

            document["Statement"] = kept;
            return p with { Document = document };
        }).ToList();
        return this with { Policies = policies };
    }

    /// <summary>A copy with <paramref name="statement"/> added as a policy of its own (named <paramref name="name"/>).</summary>
    public RolePolicies WithStatement(string name, JsonObject statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var document = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(statement.DeepClone()) };
        return this with { Policies = [.. Policies, new RolePolicy { Name = name, Source = "inline", Document = document }] };
    }

    /// <summary>Whether a statement's <c>Action</c> names <paramref name="action"/> (exactly, case-insensitively).</summary>
    public static bool Names(JsonObject statement, string action)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return statement["Action"] switch
        {
            JsonValue one => string.Equals((string?)one, action, StringComparison.OrdinalIgnoreCase),
            JsonArray many => many.Any(a => string.Equals((string?)a, action, StringComparison.OrdinalIgnoreCase)),
            _ => false,
        };
    }
}
