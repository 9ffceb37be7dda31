using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;

namespace Deploy.TestSupport;

/// <summary>A synthesized template as JSON, with helpers to find resources and read state machine definitions.</summary>
public sealed class TemplateJson
{
    private TemplateJson(JsonObject root) => Root = root;

    /// <summary>The whole template.</summary>
    public JsonObject Root { get; }

    /// <summary>The template of <paramref name="stack"/>, synthesized.</summary>
    public static TemplateJson Of(Stack stack) => Of(Template.FromStack(stack));

    /// <summary>The template an assertion <paramref name="template"/> holds.</summary>
    public static TemplateJson Of(Template template) =>
        new(JsonNode.Parse(JsonSerializer.Serialize(template.ToJSON()))!.AsObject());

    /// <summary>The template in the file at <paramref name="path"/> (a cloud assembly's <c>*.template.json</c>).</summary>
    public static TemplateJson FromFile(string path) => new(JsonNode.Parse(File.ReadAllText(path))!.AsObject());

    /// <summary>Every resource of <paramref name="type"/>, by logical id.</summary>
    public IEnumerable<KeyValuePair<string, JsonObject>> Resources(string type) =>
        Root["Resources"]!.AsObject()
            .Where(r => r.Value!["Type"]!.GetValue<string>() == type)
            .Select(r => new KeyValuePair<string, JsonObject>(r.Key, r.Value!.AsObject()));

    /// <summary>How many resources of <paramref name="type"/> there are.</summary>
    public int Count(string type) => Resources(type).Count();

    /// <summary>The one resource of <paramref name="type"/>.</summary>
    public JsonObject OnlyResource(string type) => Resources(type).Single().Value;

    /// <summary>The logical id of the one resource of <paramref name="type"/> whose logical id starts with <paramref name="prefix"/>.</summary>
    public string LogicalId(string type, string prefix) => Resources(type).Single(r => r.Key.StartsWith(prefix, StringComparison.Ordinal)).Key;

    /// <summary>The state machine whose logical id starts with <paramref name="logicalIdPrefix"/>, its tokens replaced by readable placeholders.</summary>
    public JsonObject Definition(string logicalIdPrefix)
    {
        var machine = Resources("AWS::StepFunctions::StateMachine").Single(r => r.Key.StartsWith(logicalIdPrefix, StringComparison.Ordinal)).Value;
        return JsonNode.Parse(Flatten(machine["Properties"]!["DefinitionString"]!))!.AsObject();
    }

    /// <summary>Joins an <c>Fn::Join</c> of strings and intrinsics; an intrinsic becomes <c>${Ref:X}</c> or <c>${X.Attr}</c>.</summary>
    public static string Flatten(JsonNode node) => node switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonObject o when o["Fn::Join"] is JsonArray join => string.Join(join[0]!.GetValue<string>(), join[1]!.AsArray().Select(p => Flatten(p!))),
        JsonObject o when o["Ref"] is JsonNode r => $"${{Ref:{r.GetValue<string>()}}}",
        JsonObject o when o["Fn::GetAtt"] is JsonArray a => $"${{{a[0]!.GetValue<string>()}.{a[1]!.GetValue<string>()}}}",
        _ => "${" + node.ToJsonString().Replace("\"", "'", StringComparison.Ordinal) + "}",
    };

    /// <summary>Every IAM policy statement of the template with the policy's logical id.</summary>
    public IEnumerable<(string Policy, JsonObject Statement)> PolicyStatements() =>
        Resources("AWS::IAM::Policy").SelectMany(p =>
            p.Value["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray().Select(s => (p.Key, s!.AsObject())));

    /// <summary>A property that is a string or a list of them, as a list (anything else as its JSON).</summary>
    public static IReadOnlyList<string> Strings(JsonNode? node) => node switch
    {
        null => Array.Empty<string>(),
        JsonArray array => array.Select(a => a is JsonValue v ? v.GetValue<string>() : a!.ToJsonString()).ToList(),
        JsonValue v => new[] { v.GetValue<string>() },
        _ => new[] { node.ToJsonString() },
    };
}
