using System.Text.Json.Nodes;

namespace Deploy.Conformance.Tests;

/// <summary>
/// The DynamoDB expressions the flows write, and the edges around them: reserved words with and without
/// ExpressionAttributeNames, the lock conditions (<c>attribute_not_exists(lockedBy) OR lockedBy = :me</c>), the retire
/// condition (<c>… AND previousWarm = :true</c>), SET with REMOVE in either order, ReturnValues, and the validation
/// DynamoDB applies to the expression attribute maps.
/// </summary>
public static class TableCases
{
    private const string Me = "arn:aws:states:us-east-1:123456789012:execution:webapp-staging-deploy:deploy-1";
    private const string Other = "arn:aws:states:us-east-1:123456789012:execution:webapp-staging-rollback:rollback-2";

    public static IReadOnlyList<TableCase> All { get; } =
    [
        new("reserved word status in SET without names", Invalid, [State()], [Update("SET status = :s", values: V((":s", S("Failed"))))]),
        new("reserved word Status in SET is case-insensitive", Invalid, [State()], [Update("SET Status = :s", values: V((":s", S("Failed"))))]),
        new("reserved word name in a condition without names", Invalid, [State()],
            [Update("SET liveColor = :c", condition: "attribute_not_exists(name)", values: V((":c", S("green"))))]),
        new("reserved word status through ExpressionAttributeNames", Ok, [State()],
            [Update("SET #s = :s, finishedAt = :at", values: V((":s", S("Succeeded")), (":at", S("2026-01-01T00:10:00.000Z"))), names: N(("#s", "status")), returnValues: "ALL_NEW")]),
        new("reserved word in a put condition without names", Invalid, [],
            [Put(State(), condition: "attribute_not_exists(status)")]),
        new("lock free: attribute_not_exists(lockedBy) OR lockedBy = :me", Ok, [State()],
            [Update("SET lockedBy = :me", condition: "attribute_not_exists(lockedBy) OR lockedBy = :me", values: V((":me", S(Me))), returnValues: "ALL_NEW")]),
        new("lock mine: attribute_not_exists(lockedBy) OR lockedBy = :me", Ok, [State(("lockedBy", S(Me)))],
            [Update("SET liveColor = :c REMOVE lockedBy", condition: "attribute_not_exists(lockedBy) OR lockedBy = :me", values: V((":me", S(Me)), (":c", S("green"))), returnValues: "ALL_NEW")]),
        new("lock held by another execution", Refused, [State(("lockedBy", S(Other)))],
            [Update("SET lockedBy = :me", condition: "attribute_not_exists(lockedBy) OR lockedBy = :me", values: V((":me", S(Me))), returnValues: "ALL_NEW")]),
        new("lock on a missing item creates it", Ok, [],
            [Update("SET lockedBy = :me", condition: "attribute_not_exists(lockedBy)", values: V((":me", S(Me))), returnValues: "ALL_NEW"), Get()]),
        new("lockedBy = :me on a missing attribute fails", Refused, [State()],
            [Update("SET liveColor = :c", condition: "lockedBy = :me", values: V((":me", S(Me)), (":c", S("green"))))]),
        new("retire when previousWarm = :true", Ok, [Retired(("previousWarm", B(true)))],
            [Update("SET lockedBy = :me", condition: RetireCondition, values: RetireValues, returnValues: "ALL_NEW")]),
        new("retire refused when previousWarm is false", Refused, [Retired(("previousWarm", B(false)))],
            [Update("SET lockedBy = :me", condition: RetireCondition, values: RetireValues, returnValues: "ALL_NEW")]),
        new("retire refused when previousWarm is absent", Refused, [Retired()],
            [Update("SET lockedBy = :me", condition: RetireCondition, values: RetireValues, returnValues: "ALL_NEW")]),
        new("retire refused when previousWarm is the string true", Refused, [Retired(("previousWarm", S("true")))],
            [Update("SET lockedBy = :me", condition: RetireCondition, values: RetireValues, returnValues: "ALL_NEW")]),
        new("SET then REMOVE, as the flows release the lock", Ok, [State(("lockedBy", S(Me)), ("deployingColor", S("green")))],
            [Update("SET previousWarm = :false REMOVE lockedBy, deployingColor", condition: "attribute_not_exists(lockedBy) OR lockedBy = :me",
                values: V((":me", S(Me)), (":false", B(false))), returnValues: "ALL_NEW")]),
        new("REMOVE then SET", Ok, [State(("lockedBy", S(Me)))],
            [Update("REMOVE lockedBy SET previousWarm = :false", values: V((":false", B(false))), returnValues: "ALL_NEW")]),
        new("ReturnValues ALL_OLD", Ok, [State(("lockedBy", S(Me)))],
            [Update("SET liveColor = :c", values: V((":c", S("green"))), returnValues: "ALL_OLD")]),
        new("ReturnValues UPDATED_NEW", Ok, [State()],
            [Update("SET liveColor = :c, previousColor = :p", values: V((":c", S("green")), (":p", S("blue"))), returnValues: "UPDATED_NEW")]),
        new("ReturnValues UPDATED_OLD", Ok, [State()],
            [Update("SET liveColor = :c", values: V((":c", S("green"))), returnValues: "UPDATED_OLD")]),
        new("ReturnValues NONE", Ok, [State()],
            [Update("SET liveColor = :c", values: V((":c", S("green"))), returnValues: "NONE"), Get()]),
        new("numbers compare by value", Ok, [State(("revertMinSize", new JsonObject { ["N"] = "2" }))],
            [Update("SET liveColor = :c", condition: "revertMinSize = :n", values: V((":c", S("green")), (":n", new JsonObject { ["N"] = "2.0" })), returnValues: "ALL_NEW")]),
        new("put refused by attribute_not_exists(pk) on an existing item", Refused, [State()],
            [Put(State(("liveColor", S("green"))), condition: "attribute_not_exists(pk)")]),
        new("put with a condition on a new item", Ok, [],
            [Put(State(("status", S("InProgress"))), condition: "attribute_not_exists(pk)"), Get()]),
        new("unused expression attribute value", Invalid, [State()],
            [Update("SET liveColor = :c", values: V((":c", S("green")), (":unused", S("x"))))]),
        new("unused expression attribute name", Invalid, [State()],
            [Update("SET liveColor = :c", values: V((":c", S("green"))), names: N(("#s", "status")))]),
        new("undefined expression attribute value", Invalid, [State()],
            [Update("SET liveColor = :c", values: V((":other", S("green"))))]),
        new("get of a missing item", Ok, [], [Get()]),
        new("a Number that holds no number", Invalid, [State()],
            [Update("SET revertMinSize = :n", values: V((":n", new JsonObject { ["N"] = "two" })))]),
        new("ReturnValues outside the API's enum", Invalid, [State()],
            [Update("SET liveColor = :c", values: V((":c", S("green"))), returnValues: "ALL")]),
    ];

    private const string Ok = "succeeds";
    private const string Refused = "DynamoDB.ConditionalCheckFailedException";
    private const string Invalid = "DynamoDB.AmazonDynamoDBException";

    private const string RetireCondition = "attribute_not_exists(lockedBy) AND liveColor = :newLive AND previousColor = :color AND previousWarm = :true";

    private static JsonObject RetireValues => V((":me", S(Me)), (":newLive", S("green")), (":color", S("blue")), (":true", B(true)));

    private static JsonObject Key() => new() { ["pk"] = S("webapp#staging"), ["sk"] = S("STATE") };

    private static JsonObject State(params (string Name, JsonObject Value)[] attributes)
    {
        var item = Key();
        item["liveColor"] = S("blue");
        item["previousColor"] = S("green");
        foreach (var (name, value) in attributes)
        {
            item[name] = value;
        }

        return item;
    }

    /// <summary>The state item after a deployment onto green: green live, blue previous.</summary>
    private static JsonObject Retired(params (string Name, JsonObject Value)[] attributes)
    {
        var item = State(attributes);
        item["liveColor"] = S("green");
        item["previousColor"] = S("blue");
        return item;
    }

    private static (string, JsonObject) Update(string expression, string? condition = null, JsonObject? values = null, JsonObject? names = null, string? returnValues = null)
    {
        var input = new JsonObject { ["TableName"] = TableCase.TableName, ["Key"] = Key(), ["UpdateExpression"] = expression };
        if (condition is not null)
        {
            input["ConditionExpression"] = condition;
        }

        if (values is not null)
        {
            input["ExpressionAttributeValues"] = values;
        }

        if (names is not null)
        {
            input["ExpressionAttributeNames"] = names;
        }

        if (returnValues is not null)
        {
            input["ReturnValues"] = returnValues;
        }

        return ("updateItem", input);
    }

    private static (string, JsonObject) Put(JsonObject item, string? condition = null)
    {
        var input = new JsonObject { ["TableName"] = TableCase.TableName, ["Item"] = item };
        if (condition is not null)
        {
            input["ConditionExpression"] = condition;
        }

        return ("putItem", input);
    }

    private static (string, JsonObject) Get() => ("getItem", new JsonObject { ["TableName"] = TableCase.TableName, ["Key"] = Key() });

    private static JsonObject S(string value) => new() { ["S"] = value };

    private static JsonObject B(bool value) => new() { ["BOOL"] = value };

    private static JsonObject V(params (string Name, JsonObject Value)[] values)
    {
        var map = new JsonObject();
        foreach (var (name, value) in values)
        {
            map[name] = value;
        }

        return map;
    }

    private static JsonObject N(params (string Alias, string Name)[] names)
    {
        var map = new JsonObject();
        foreach (var (alias, name) in names)
        {
            map[alias] = name;
        }

        return map;
    }
}
