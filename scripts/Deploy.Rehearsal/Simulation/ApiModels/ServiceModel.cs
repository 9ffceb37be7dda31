using System.Text.Json;

namespace Deploy.Rehearsal.Simulation.ApiModels;

/// <summary>One botocore service model (<c>service-2.json</c>): its operations and shapes.</summary>
public sealed class ServiceModel
{
    private readonly Dictionary<string, JsonElement> _shapes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OperationModel> _operations = new(StringComparer.Ordinal);

    internal ServiceModel(string name, string apiVersion, JsonElement root)
    {
        Name = name;
        ApiVersion = apiVersion;
        var metadata = root.GetProperty("metadata");
        ServiceId = metadata.TryGetProperty("serviceId", out var id) ? id.GetString()! : name;
        Protocol = metadata.TryGetProperty("protocol", out var protocol) ? protocol.GetString()! : "unknown";
        foreach (var shape in root.GetProperty("shapes").EnumerateObject())
        {
            _shapes[shape.Name] = shape.Value;
        }

        foreach (var operation in root.GetProperty("operations").EnumerateObject())
        {
            var errors = new List<(string Shape, string Code)>();
            if (operation.Value.TryGetProperty("errors", out var list))
            {
                foreach (var error in list.EnumerateArray())
                {
                    var shape = error.GetProperty("shape").GetString()!;
                    // Query-protocol models name the wire code; JSON-protocol models use the shape name as the code.
                    var code = _shapes.TryGetValue(shape, out var body) && body.TryGetProperty("error", out var info) && info.TryGetProperty("code", out var c)
                        ? c.GetString()!
                        : shape;
                    errors.Add((shape, code));
                }
            }

            _operations[operation.Name] = new OperationModel(
                operation.Name,
                ShapeOf(operation.Value, "input"),
                ShapeOf(operation.Value, "output"),
                errors);
        }
    }

    /// <summary>The botocore service name (<c>elbv2</c>).</summary>
    public string Name { get; }

    /// <summary>The API version of the model (<c>2015-12-01</c>).</summary>
    public string ApiVersion { get; }

    /// <summary>The model's service id (<c>Elastic Load Balancing v2</c>).</summary>
    public string ServiceId { get; }

    /// <summary>The wire protocol (<c>query</c>, <c>json</c>, <c>ec2</c>, …).</summary>
    public string Protocol { get; }

    /// <summary>Whether the API has an operation of that name (PascalCase, <c>ModifyRule</c>).</summary>
    public bool HasOperation(string name) => _operations.ContainsKey(name);

    /// <summary>The operation of that name (PascalCase, <c>ModifyRule</c>).</summary>
    /// <exception cref="KeyNotFoundException">The API has no such operation.</exception>
    public OperationModel Operation(string name) =>
        _operations.TryGetValue(name, out var operation)
            ? operation
            : throw new KeyNotFoundException($"The {Name} API ({ApiVersion}) has no operation {name}.");

    /// <summary>A shape's definition as written in the model (<c>type</c>, <c>members</c>, <c>required</c>, <c>enum</c>, <c>min</c>, <c>max</c>, …).</summary>
    /// <exception cref="KeyNotFoundException">The model has no such shape.</exception>
    public JsonElement Shape(string name) =>
        _shapes.TryGetValue(name, out var shape)
            ? shape
            : throw new KeyNotFoundException($"The {Name} API ({ApiVersion}) has no shape {name}.");

    private static string? ShapeOf(JsonElement operation, string direction) =>
        operation.TryGetProperty(direction, out var reference) ? reference.GetProperty("shape").GetString() : null;
}
