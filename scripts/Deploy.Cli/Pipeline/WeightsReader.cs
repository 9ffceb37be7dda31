using System.Text.Json.Nodes;

namespace Deploy.Cli.Pipeline;

/// <summary>
/// Reads the rule weights from an execution's state data, state after state. On AWS each <c>StateExited</c> event
/// carries the state's whole output, so a read-back written early (a split repair's <c>readBack</c>) is carried along
/// by every later state: the weights a state read are those of the member it wrote, the one whose value changed
/// since the previous state (<c>restored</c>, <c>readBack</c> or <c>weights</c>, each holding the rule's target groups).
/// </summary>
/// <param name="colors">Target group ARN → color.</param>
public sealed class WeightsReader(IReadOnlyDictionary<string, string> colors)
{
    private static readonly string[] Members = ["restored", "readBack", "weights"];
    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);

    /// <summary>The weights by color that <paramref name="data"/> brings anew, or null when it brings none.</summary>
    public IReadOnlyDictionary<string, int>? Read(JsonNode? data)
    {
        IReadOnlyDictionary<string, int>? result = null;
        foreach (var name in Members)
        {
            // "restored" is also the Rollback's boolean (false when there was nothing to roll back to): only an object has weights.
            if (ExecutionInsight.Member(data, name) is not JsonObject holder || holder["targetGroups"] is not JsonArray groups)
            {
                continue;
            }

            var text = groups.ToJsonString();
            if (_seen.TryGetValue(name, out var before) && before == text)
            {
                continue;
            }

            _seen[name] = text;
            result ??= ByColor(groups);
        }

        return result;
    }

    private SortedDictionary<string, int> ByColor(JsonArray groups)
    {
        var result = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in groups.OfType<JsonObject>())
        {
            if (group["TargetGroupArn"] is JsonValue arnValue && arnValue.TryGetValue<string>(out var arn)
                && group["Weight"] is JsonValue weight && weight.TryGetValue<double>(out var percent))
            {
                result[colors.GetValueOrDefault(arn, arn)] = (int)percent;
            }
        }

        return result;
    }
}
