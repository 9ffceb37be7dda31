using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>
/// JSON paths of an execution's data, derived from the records that declare it (<see cref="DeployState"/>,
/// <see cref="RollbackState"/>, <see cref="StateItem"/>, <see cref="ContextObject"/>): each member is named as the
/// serializer names it (its <see cref="JsonPropertyNameAttribute"/>, else camelCase), so renaming a record member
/// changes every path the flows write and every reader follows. The expression is walked, never compiled.
/// </summary>
/// <example><c>StatePath.Of&lt;DeployState&gt;(s =&gt; s.Colors.Idle)</c> is <c>$.colors.idle</c>;
/// <c>StatePath.Of&lt;DeployState&gt;(s =&gt; s.IdleGroup.Group.Instances[0])</c> is <c>$.idleGroup.group.Instances[0]</c>.</example>
public static class StatePath
{
    /// <summary>The whole state (<c>$</c>).</summary>
    public const string Root = "$";

    /// <summary>The path of <paramref name="member"/> in the state: <c>$.a.b</c>.</summary>
    public static string Of<TState>(Expression<Func<TState, object?>> member) => Under(Root, member);

    /// <summary>The path of <paramref name="member"/> in the context object: <c>$$.Execution.Id</c>.</summary>
    public static string Context(Expression<Func<ContextObject, object?>> member) => Under("$" + Root, member);

    /// <summary>The path of <paramref name="member"/> of the <typeparamref name="T"/> found at <paramref name="basePath"/>.</summary>
    public static string Under<T>(string basePath, Expression<Func<T, object?>> member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var relative = Name(member);
        return relative.Length == 0 ? basePath : relative[0] == '[' ? basePath + relative : $"{basePath}.{relative}";
    }

    /// <summary>
    /// The path of <paramref name="member"/> relative to <typeparamref name="T"/> (<c>a.b</c>): a field name as a
    /// <c>Parameters</c> key or a DynamoDB attribute name in an expression spells it.
    /// </summary>
    public static string Name<T>(Expression<Func<T, object?>> member)
    {
        var path = new StringBuilder();
        foreach (var (name, index) in Segments(member))
        {
            if (name is null)
            {
                path.Append('[').Append(index).Append(']');
            }
            else
            {
                path.Append(path.Length == 0 ? string.Empty : ".").Append(name);
            }
        }

        return path.ToString();
    }

    /// <summary>
    /// Reads <paramref name="member"/> out of <paramref name="data"/>, JSON of a <typeparamref name="T"/> (an execution's
    /// input or output, a history event's data): the node there, or <see langword="null"/> where a step is absent or of
    /// another JSON type (data is read, never trusted). Readers name members as the flows write them, so a renamed
    /// member is followed, never silently missed.
    /// </summary>
    /// <example><c>StatePath.Read&lt;DeployState&gt;(output, s =&gt; s.Colors.Idle)</c> is <c>output["colors"]["idle"]</c>.</example>
    public static JsonNode? Read<T>(JsonNode? data, Expression<Func<T, object?>> member)
    {
        var node = data;
        foreach (var (name, index) in Segments(member))
        {
            node = (name, node) switch
            {
                (not null, JsonObject o) => o[name],
                (null, JsonArray a) when index < a.Count => a[index],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>
    /// <see cref="Read{T}"/> as a string: the member's value when it is a JSON string, else <see langword="null"/>.
    /// </summary>
    public static string? ReadString<T>(JsonNode? data, Expression<Func<T, object?>> member) =>
        Read(data, member) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The members and indexes of <paramref name="member"/>, outermost first: a name, or (null, the index).</summary>
    private static List<(string? Name, int Index)> Segments<T>(Expression<Func<T, object?>> member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var segments = new List<(string?, int)>();
        var node = Unwrap(member.Body);
        while (node is not ParameterExpression)
        {
            switch (node)
            {
                case MemberExpression m:
                    segments.Add((JsonName(m.Member), 0));
                    node = Unwrap(m.Expression!);
                    break;
                case MethodCallExpression { Method.Name: "get_Item", Object: { } list, Arguments: [var index] }:
                    segments.Add((null, Index(index)));
                    node = Unwrap(list);
                    break;
                case BinaryExpression { NodeType: ExpressionType.ArrayIndex } a:
                    segments.Add((null, Index(a.Right)));
                    node = Unwrap(a.Left);
                    break;
                default:
                    throw new ArgumentException($"{member} is not a chain of members and indexes.", nameof(member));
            }
        }

        segments.Reverse();
        return segments;
    }

    /// <summary>The serialized name of a member: its <see cref="JsonPropertyNameAttribute"/>, else camelCase (as <see cref="DeployJsonContext"/> names it).</summary>
    public static string JsonName(MemberInfo member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(member.Name);
    }

    private static Expression Unwrap(Expression node) =>
        node is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert ? Unwrap(convert.Operand) : node;

    /// <summary>An index: a constant, or a captured local (read from its closure; nothing is compiled).</summary>
    private static int Index(Expression index) => Unwrap(index) switch
    {
        ConstantExpression { Value: int i } => i,
        MemberExpression { Member: FieldInfo field, Expression: ConstantExpression closure } => (int)field.GetValue(closure.Value)!,
        var other => throw new ArgumentException($"The index {other} is neither a constant nor a captured local.", nameof(index)),
    };
}
