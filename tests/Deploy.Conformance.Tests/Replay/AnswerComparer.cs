using System.Text.Json;
using System.Text.Json.Nodes;
using Deploy.Contracts;
using Deploy.Rehearsal.Simulation;

namespace Deploy.Conformance.Tests.Replay;

/// <summary>
/// Compares the world's answer to one recorded call with moto's answer to its replay: the outcome (both succeed or both
/// fail), the error name as Step Functions surfaces it (moto's error code mapped through <see cref="ServiceErrors"/>),
/// the response's shape (member names and JSON types, recursively) and its <see cref="KeyValues"/>.
/// </summary>
public static class AnswerComparer
{
    /// <summary>The integration and action of a Task resource: <c>arn:aws:states:::aws-sdk:ec2:createLaunchTemplateVersion</c> → <c>ec2:createLaunchTemplateVersion</c>.</summary>
    public static string ApiOf(string resource)
    {
        var at = resource.IndexOf(":::", StringComparison.Ordinal);
        var tail = at < 0 ? "lambda:invoke" : resource[(at + 3)..];
        return tail.StartsWith("aws-sdk:", StringComparison.Ordinal) ? tail["aws-sdk:".Length..] : tail;
    }

    /// <summary>The Step Functions name of moto's error <paramref name="error"/> (<c>{code, message, shape}</c>) for a call to <paramref name="resource"/>.</summary>
    public static string ErrorName(string resource, JsonNode error)
    {
        var integration = ServiceErrors.IntegrationOf(resource);
        var shape = error["shape"]?.GetValue<string>();
        return shape is null ? ServiceErrors.Generic(integration) : ServiceErrors.Modeled(integration, shape);
    }

    /// <summary>
    /// The differences between the world's answer to <paramref name="call"/> and moto's <paramref name="answer"/>
    /// (<c>{"output": …}</c> or <c>{"error": …}</c>); none when the harness skipped the call.
    /// </summary>
    public static List<Difference> Compare(WorldCall call, JsonObject answer, string where)
    {
        var differences = new List<Difference>();
        if (answer["skipped"] is not null)
        {
            return differences;
        }

        var api = ApiOf(call.Resource);
        var motoError = answer["error"];
        if (api.EndsWith(".waitForTaskToken", StringComparison.Ordinal))
        {
            // The world's outcome is the operator's callback (SendTaskSuccess/Failure); moto only shows that the publish itself is accepted.
            if (motoError is not null)
            {
                differences.Add(new(api, Difference.Outcome, "", $"world published (then {call.Error ?? "succeeded"}); moto refused: {Describe(motoError)}", where));
            }

            return differences;
        }

        if (!call.Succeeded || motoError is not null)
        {
            var worldSide = call.Succeeded ? "succeeded" : $"{call.Error} ({call.Cause})";
            var motoSide = motoError is null ? "succeeded" : $"{ErrorName(call.Resource, motoError)} ({Describe(motoError)})";
            if (call.Succeeded != (motoError is null))
            {
                differences.Add(new(api, Difference.Outcome, "", $"world {worldSide}; moto {motoSide}", where));
            }
            else if (call.Error != ErrorName(call.Resource, motoError!))
            {
                differences.Add(new(api, Difference.Error, "", $"world {worldSide}; moto {motoSide}", where));
            }

            return differences;
        }

        var output = answer["output"];
        Shape(api, call.Output, output, "", differences, where);
        var worldValues = KeyValues.Of(api, call.Output);
        var motoValues = KeyValues.Of(api, output);
        foreach (var name in worldValues.Keys.Union(motoValues.Keys).Order(StringComparer.Ordinal))
        {
            var w = worldValues.GetValueOrDefault(name, "(absent)");
            var m = motoValues.GetValueOrDefault(name, "(absent)");
            if (w != m)
            {
                differences.Add(new(api, Difference.Value, name, $"world {w}; moto {m}", where));
            }
        }

        return differences;
    }

    /// <summary>Member names and JSON types, recursively; array elements pairwise.</summary>
    private static void Shape(string api, JsonNode? world, JsonNode? moto, string path, List<Difference> differences, string where)
    {
        var (w, m) = (KindOf(world), KindOf(moto));
        if (w != m)
        {
            differences.Add(new(api, Difference.Type, path, $"world {w}; moto {m}", where));
            return;
        }

        switch (world)
        {
            case JsonObject wo when moto is JsonObject mo:
                foreach (var (name, value) in mo)
                {
                    if (!wo.ContainsKey(name))
                    {
                        differences.Add(new(api, Difference.WorldOmits, Join(path, name), $"moto {KindOf(value)}", where));
                    }
                }

                foreach (var (name, value) in wo)
                {
                    if (!mo.TryGetPropertyValue(name, out var other))
                    {
                        differences.Add(new(api, Difference.MotoOmits, Join(path, name), $"world {KindOf(value)}", where));
                    }
                    else
                    {
                        Shape(api, value, other, Join(path, name), differences, where);
                    }
                }

                break;

            case JsonArray wa when moto is JsonArray ma:
                for (var i = 0; i < Math.Min(wa.Count, ma.Count); i++)
                {
                    Shape(api, wa[i], ma[i], path + "[]", differences, where);
                }

                break;
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string KindOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            var other => other.ToString().ToLowerInvariant(),
        },
        _ => "unknown",
    };

    private static string Describe(JsonNode error) =>
        $"{error["code"]?.GetValue<string>()}: {error["message"]?.GetValue<string>()}";
}
