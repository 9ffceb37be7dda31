using System.Text.Json.Nodes;
using Deploy.Contracts;

namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// A DynamoDB table as the flows use it: items of typed attributes (<c>{"S": …}</c>, <c>{"N": …}</c>,
/// <c>{"BOOL": …}</c>), conditional puts and updates with the expression forms the flows write
/// (<see cref="TableExpressions"/>), validated as DynamoDB validates them.
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

    /// <summary>
    /// The first <c>N</c> value under <paramref name="node"/> (attribute values, maps and lists included) that is not a
    /// number; null when every one is. DynamoDB refuses such a write with a ValidationException ("The parameter cannot be
    /// converted to a numeric value: NaN", reported: internetarchive/internet-archive-voice-apps#225): a Number is sent
    /// as a string that must hold a number (<see href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html">AttributeValue</see>,
    /// <see href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number">Number</see>:
    /// up to 38 digits of precision, positive, negative or zero).
    /// </summary>
    private static string? NonNumeric(JsonNode? node) => node switch
    {
        JsonObject o when o["N"] is JsonValue n => n.TryGetValue<string>(out var text)
            && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value)
                ? null
                : n.ToString(),
        JsonObject o => o.Select(p => NonNumeric(p.Value)).FirstOrDefault(n => n is not null),
        JsonArray a => a.Select(NonNumeric).FirstOrDefault(n => n is not null),
        _ => null,
    };

    /// <summary>
    /// Answers a <c>dynamodb:getItem|putItem|updateItem|deleteItem</c> task; a failed condition is
    /// <c>DynamoDB.ConditionalCheckFailedException</c>, an invalid expression (a reserved word used as a name, an
    /// undefined or unused alias or value) DynamoDB's ValidationException, which it does not model for these operations,
    /// so Step Functions surfaces it as the generic <c>DynamoDB.AmazonDynamoDBException</c> (<see cref="ServiceErrors"/>).
    /// ReturnValues as the API reference defines them: <c>ALL_NEW</c>, <c>ALL_OLD</c>, <c>UPDATED_NEW</c>, <c>UPDATED_OLD</c>
    /// (<see href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html">UpdateItem</see>;
    /// PutItem: <c>ALL_OLD</c>).
    /// </summary>
    public TaskOutcome Handle(string action, JsonObject input)
    {
        var values = input["ExpressionAttributeValues"]?.AsObject();
        var names = input["ExpressionAttributeNames"]?.AsObject();
        var condition = input["ConditionExpression"]?.GetValue<string>();
        var update = input["UpdateExpression"]?.GetValue<string>();
        if (TableExpressions.Invalid(condition, update, values, names) is { } invalid)
        {
            return TaskOutcome.Failure(ServiceErrors.Generic("dynamodb"), invalid);
        }

        if ((NonNumeric(input["Item"]) ?? NonNumeric(values)) is { } number)
        {
            return TaskOutcome.Failure(ServiceErrors.Generic("dynamodb"),
                $"The parameter cannot be converted to a numeric value: {number}");
        }

        var returnValues = input["ReturnValues"]?.GetValue<string>() ?? "NONE";
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
                var existing = _items.GetValueOrDefault(key);
                if (!TableExpressions.Holds(condition, existing, values, names))
                {
                    return ConditionFailed();
                }

                _items[key] = (JsonObject)item.DeepClone();
                var result = new JsonObject();
                if (returnValues == "ALL_OLD" && existing is not null)
                {
                    result["Attributes"] = existing.DeepClone();
                }

                return TaskOutcome.Success(result);
            }

            case "updateItem":
            {
                var keyObject = input["Key"]!.AsObject();
                var key = KeyOf(keyObject);
                var existing = _items.GetValueOrDefault(key);
                if (!TableExpressions.Holds(condition, existing, values, names))
                {
                    return ConditionFailed();
                }

                var item = existing is null ? (JsonObject)keyObject.DeepClone() : (JsonObject)existing.DeepClone();
                var touched = TableExpressions.Apply(update!, item, values, names);
                _items[key] = item;
                var attributes = returnValues switch
                {
                    "ALL_NEW" => (JsonObject)item.DeepClone(),
                    "ALL_OLD" => existing?.DeepClone() as JsonObject,
                    "UPDATED_NEW" => Only(item, touched),
                    "UPDATED_OLD" => existing is null ? null : Only(existing, touched),
                    _ => null,
                };
                var result = new JsonObject();
                if (attributes is { Count: > 0 })
                {
                    result["Attributes"] = attributes;
                }

                return TaskOutcome.Success(result);
            }

            case "deleteItem":
            {
                var key = KeyOf(input["Key"]!.AsObject());
                if (!TableExpressions.Holds(condition, _items.GetValueOrDefault(key), values, names))
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
        TaskOutcome.Failure(ServiceErrors.Name("dynamodb", "ConditionalCheckFailedException"), "The conditional request failed");

    private static string KeyOf(JsonObject item) =>
        item["pk"]!["S"]!.GetValue<string>() + "|" + item["sk"]!["S"]!.GetValue<string>();

    private static JsonObject Only(JsonObject item, List<string> names)
    {
        var only = new JsonObject();
        foreach (var name in names.Distinct(StringComparer.Ordinal).Where(item.ContainsKey))
        {
            only[name] = item[name]!.DeepClone();
        }

        return only;
    }
}
