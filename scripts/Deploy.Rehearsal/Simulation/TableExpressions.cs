using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// DynamoDB condition and update expressions in the forms the flows write: conditions of
/// <c>attribute_exists(a)</c>, <c>attribute_not_exists(a)</c>, <c>a = :v</c> and <c>a &lt;&gt; :v</c> joined by AND
/// (binding tighter) and OR; updates of <c>SET a = :v, …</c> and <c>REMOVE a, …</c> clauses in any order. Anything
/// else is not simulated and throws <see cref="NotSupportedException"/>.
/// </summary>
internal static partial class TableExpressions
{
    private static readonly HashSet<string> UpdateKeywords = new(["SET", "REMOVE", "ADD", "DELETE"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> ConditionKeywords = new(["AND", "OR", "NOT", "BETWEEN", "IN"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The ValidationException message DynamoDB answers for these expressions, or <see langword="null"/> when they are
    /// valid: a reserved word used as an attribute name (<see cref="DynamoDbReservedWords"/>), an <c>#alias</c> or
    /// <c>:value</c> the maps do not define, or a map entry no expression uses (<see
    /// href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeNames.html">expression
    /// attribute names</see>, <see
    /// href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeValues.html">expression
    /// attribute values</see>: every one supplied must be used).
    /// </summary>
    public static string? Invalid(string? condition, string? update, JsonObject? values, JsonObject? names)
    {
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        var usedValues = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (kind, expression, keywords) in new[] { ("ConditionExpression", condition, ConditionKeywords), ("UpdateExpression", update, UpdateKeywords) })
        {
            if (expression is null)
            {
                continue;
            }

            foreach (Match token in Token().Matches(expression))
            {
                var text = token.Value;
                if (text[0] == '#')
                {
                    if (names?[text] is null)
                    {
                        return $"Invalid {kind}: An expression attribute name used in the document path is not defined; attribute name: {text}";
                    }

                    usedNames.Add(text);
                }
                else if (text[0] == ':')
                {
                    if (values is null || !values.ContainsKey(text))
                    {
                        return $"Invalid {kind}: An expression attribute value used in expression is not defined; attribute value: {text}";
                    }

                    usedValues.Add(text);
                }
                else if (!keywords.Contains(text) && !IsFunction(expression, token) && DynamoDbReservedWords.Contains(text))
                {
                    return $"Invalid {kind}: Attribute name is a reserved keyword; reserved keyword: {text}";
                }
            }
        }

        if (names is not null && names.Select(n => n.Key).Where(n => !usedNames.Contains(n)).ToList() is [_, ..] unusedNames)
        {
            return $"Value provided in ExpressionAttributeNames unused in expressions: keys: {{{string.Join(", ", unusedNames)}}}";
        }

        if (values is not null && values.Select(v => v.Key).Where(v => !usedValues.Contains(v)).ToList() is [_, ..] unusedValues)
        {
            return $"Value provided in ExpressionAttributeValues unused in expressions: keys: {{{string.Join(", ", unusedValues)}}}";
        }

        return null;
    }

    /// <summary>Whether <paramref name="condition"/> holds for <paramref name="item"/> (null: no item); an absent condition holds.</summary>
    public static bool Holds(string? condition, JsonObject? item, JsonObject? values, JsonObject? names)
    {
        if (string.IsNullOrWhiteSpace(condition))
        {
            return true;
        }

        // AND binds tighter than OR (DynamoDB developer guide, "Comparison operator and function reference", precedence).
        return Or().Split(condition).Any(any => And().Split(any).All(term => Term(term.Trim(), item, values, names)));
    }

    /// <summary>Applies <paramref name="expression"/> to <paramref name="item"/>; returns the names of the attributes it set or removed.</summary>
    public static List<string> Apply(string expression, JsonObject item, JsonObject? values, JsonObject? names)
    {
        var touched = new List<string>();
        var parts = Clause().Split(expression);
        if (parts[0].Trim().Length > 0)
        {
            throw new NotSupportedException($"Update expression '{expression}' does not start with SET or REMOVE.");
        }

        for (var i = 1; i + 1 < parts.Length; i += 2)
        {
            var keyword = parts[i].ToUpperInvariant();
            foreach (var action in parts[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                switch (keyword)
                {
                    case "SET":
                        var assignment = action.Split('=', 2, StringSplitOptions.TrimEntries);
                        if (assignment.Length != 2 || !assignment[1].StartsWith(':'))
                        {
                            throw new NotSupportedException($"SET action '{action}' is not simulated (only 'name = :value').");
                        }

                        var name = Name(assignment[0], names);
                        item[name] = values![assignment[1]]!.DeepClone();
                        touched.Add(name);
                        break;
                    case "REMOVE":
                        var removed = Name(action, names);
                        item.Remove(removed);
                        touched.Add(removed);
                        break;
                    default:
                        throw new NotSupportedException($"{keyword} clauses are not simulated.");
                }
            }
        }

        return touched;
    }

    private static bool Term(string term, JsonObject? item, JsonObject? values, JsonObject? names)
    {
        if (Function().Match(term) is { Success: true } call)
        {
            var present = item?[Name(call.Groups[2].Value, names)] is not null;
            return call.Groups[1].Value == "attribute_exists" ? present : !present;
        }

        if (Comparison().Match(term) is not { Success: true } comparison)
        {
            throw new NotSupportedException($"Condition term '{term}' is not simulated.");
        }

        var actual = item?[Name(comparison.Groups[1].Value, names)];
        var expected = values![comparison.Groups[3].Value];
        var equal = actual is not null && AttributeEquals(actual, expected);
        return comparison.Groups[2].Value == "=" ? equal : actual is not null && !equal;
    }

    /// <summary>Typed equality: same type and value; numbers by value (<c>2</c> equals <c>2.0</c>).</summary>
    private static bool AttributeEquals(JsonNode actual, JsonNode? expected)
    {
        if (actual["N"] is JsonValue a && expected?["N"] is JsonValue e)
        {
            return decimal.Parse(a.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture)
                == decimal.Parse(e.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return JsonNode.DeepEquals(actual, expected);
    }

    private static string Name(string token, JsonObject? names) =>
        token.StartsWith('#') ? names![token]!.GetValue<string>() : token;

    private static bool IsFunction(string expression, Match token)
    {
        var next = token.Index + token.Length;
        while (next < expression.Length && char.IsWhiteSpace(expression[next]))
        {
            next++;
        }

        return next < expression.Length && expression[next] == '(';
    }

    [GeneratedRegex(@"[#:]?[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Token();

    [GeneratedRegex(@"\s+OR\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Or();

    [GeneratedRegex(@"\s+AND\s+", RegexOptions.IgnoreCase)]
    private static partial Regex And();

    [GeneratedRegex(@"(?<![#:\w])(SET|REMOVE|ADD|DELETE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Clause();

    [GeneratedRegex(@"^(attribute_exists|attribute_not_exists)\s*\(\s*([#A-Za-z_][A-Za-z0-9_]*)\s*\)$")]
    private static partial Regex Function();

    [GeneratedRegex(@"^([#A-Za-z_][A-Za-z0-9_]*)\s*(=|<>)\s*(:[A-Za-z0-9_]+)$")]
    private static partial Regex Comparison();
}
