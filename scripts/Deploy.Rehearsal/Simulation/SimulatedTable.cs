using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// A DynamoDB table as the flows use it: items of typed attributes (<c>{"S": …}</c>, <c>{"N": …}</c>,
/// <c>{"BOOL": …}</c>), conditional puts and updates with the expression forms the flows write
/// (<c>attribute_not_exists(x)</c>, <c>attribute_exists(x)</c>, <c>x = :v</c>, joined by AND/OR; SET and REMOVE).
/// </summary>
public sealed class SimulatedTable
{
    private readonly Dictionary<string, JsonObject> _items = new(StringComparer.Ordinal);

    /// <summary>The items, by "pk|sk".</summary>
    public IReadOnlyDictionary<string, JsonObject> Items => _items;

    /// <summary>The item with this key, or null.</summary>
    public JsonObject? Get(string pk, string sk) => _items.GetValueOrDefault(pk + "|" + sk);

    /// <summary>Stores an item.</summary>
    public void Put(JsonObject item) => _items[KeyOf(item)] = (JsonObject)item.DeepClone();

    /// <summary>Answers a <c>dynamodb:getItem|putItem|updateItem|deleteItem</c> task; a failed condition is <c>DynamoDB.ConditionalCheckFailedException</c>.</summary>
    public TaskOutcome Handle(string action, JsonObject input)
    {
        var values = input["ExpressionAttributeValues"]?.AsObject();
        var names = input["ExpressionAttributeNames"]?.AsObject();
        switch (action)
        {
            case "getItem":
            {
                var item = _items.GetValueOrDefault(KeyOf(input["Key"]!.AsObject()));
                var result = new JsonObject();
                if (item is not null)
                {
                    result["Item"] = item.DeepClone();
                }

                return TaskOutcome.Success(result);
            }

            case "putItem":
            {
                var item = input["Item"]!.AsObject();
                var key = KeyOf(item);
                if (!Holds(input["ConditionExpression"]?.GetValue<string>(), _items.GetValueOrDefault(key), values, names))
                {
                    return ConditionFailed();
                }

                _items[key] = (JsonObject)item.DeepClone();
                return TaskOutcome.Success(new JsonObject());
            }

            case "updateItem":
            {
                var keyObject = input["Key"]!.AsObject();
                var key = KeyOf(keyObject);
                var existing = _items.GetValueOrDefault(key);
                if (!Holds(input["ConditionExpression"]?.GetValue<string>(), existing, values, names))
                {
                    return ConditionFailed();
                }

                var item = existing is null ? (JsonObject)keyObject.DeepClone() : (JsonObject)existing.DeepClone();
                Apply(input["UpdateExpression"]!.GetValue<string>(), item, values, names);
                _items[key] = item;
                var result = new JsonObject();
                if (input["ReturnValues"]?.GetValue<string>() == "ALL_NEW")
                {
                    result["Attributes"] = item.DeepClone();
                }

                return TaskOutcome.Success(result);
            }

            case "deleteItem":
            {
                var key = KeyOf(input["Key"]!.AsObject());
                if (!Holds(input["ConditionExpression"]?.GetValue<string>(), _items.GetValueOrDefault(key), values, names))
                {
                    return ConditionFailed();
                }

                _items.Remove(key);
                return TaskOutcome.Success(new JsonObject());
            }

            default:
                throw new NotSupportedException($"dynamodb:{action} is not simulated.");
        }
    }

    /// <summary>A plain value of a typed attribute (string, number as double, bool), or null.</summary>
    public static object? Plain(JsonNode? attribute) => attribute switch
    {
        JsonObject o when o["S"] is JsonNode s => s.GetValue<string>(),
        JsonObject o when o["N"] is JsonNode n => double.Parse(n.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
        JsonObject o when o["BOOL"] is JsonNode b => b.GetValue<bool>(),
        _ => null,
    };

    /// <summary>A typed attribute for a plain JSON value.</summary>
    public static JsonObject Typed(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) => new JsonObject { ["BOOL"] = b },
        JsonValue v when v.TryGetValue<double>(out var d) => new JsonObject { ["N"] = d.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        JsonValue v => new JsonObject { ["S"] = v.GetValue<string>() },
        _ => throw new ArgumentException($"Cannot store {value?.ToJsonString() ?? "null"} as an attribute."),
    };

    private static TaskOutcome ConditionFailed() =>
        TaskOutcome.Failure("DynamoDB.ConditionalCheckFailedException", "The conditional request failed");

    private static string KeyOf(JsonObject item) =>
        item["pk"]!["S"]!.GetValue<string>() + "|" + item["sk"]!["S"]!.GetValue<string>();

    private static string Name(string token, JsonObject? names) =>
        token.StartsWith('#') ? names![token]!.GetValue<string>() : token;

    private static bool Holds(string? condition, JsonObject? item, JsonObject? values, JsonObject? names)
    {
        if (string.IsNullOrWhiteSpace(condition))
        {
            return true;
        }

        return condition.Split(" OR ").Any(any => any.Split(" AND ").All(term => Term(term.Trim(), item, values, names)));
    }

    private static bool Term(string term, JsonObject? item, JsonObject? values, JsonObject? names)
    {
        if (term.StartsWith("attribute_not_exists(", StringComparison.Ordinal))
        {
            return item?[Name(term[21..^1], names)] is null;
        }

        if (term.StartsWith("attribute_exists(", StringComparison.Ordinal))
        {
            return item?[Name(term[17..^1], names)] is not null;
        }

        var parts = term.Split(" = ");
        if (parts.Length != 2)
        {
            throw new NotSupportedException($"Condition term '{term}' is not simulated.");
        }

        var actual = item?[Name(parts[0].Trim(), names)];
        var expected = values![parts[1].Trim()];
        return actual is not null && JsonNode.DeepEquals(actual, expected);
    }

    private static void Apply(string expression, JsonObject item, JsonObject? values, JsonObject? names)
    {
        var removeAt = expression.IndexOf("REMOVE ", StringComparison.Ordinal);
        var set = removeAt >= 0 ? expression[..removeAt] : expression;
        var remove = removeAt >= 0 ? expression[(removeAt + 7)..] : string.Empty;
        if (set.TrimStart().StartsWith("SET ", StringComparison.Ordinal))
        {
            foreach (var assignment in set.Trim()[4..].Split(','))
            {
                var parts = assignment.Split('=');
                item[Name(parts[0].Trim(), names)] = values![parts[1].Trim()]!.DeepClone();
            }
        }

        foreach (var name in remove.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            item.Remove(Name(name, names));
        }
    }
}
