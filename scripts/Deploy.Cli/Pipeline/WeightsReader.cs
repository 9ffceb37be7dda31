using System.Text.Json.Nodes;
using Deploy.Contracts.Flows;

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
    // The members holding a rule read, in the flows' records: Deploy's restore, Rollback's and Recovery's read-back, and the
    // weights every flow reads.
    private static readonly string[] Members =
    [
        StatePath.Name<DeployState>(s => s.Restored), StatePath.Name<RollbackState>(s => s.ReadBack), StatePath.Name<FlowState>(s => s.Weights),
    ];

    private static readonly string GroupsMember = StatePath.Name<RuleRead>(r => r.TargetGroups);
    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);

    /// <summary>The weights by color that <paramref name="data"/> brings anew, or null when it brings none.</summary>
    public IReadOnlyDictionary<string, int>? Read(JsonNode? data)
    {
        IReadOnlyDictionary<string, int>? result = null;
        foreach (var name in Members)
        {
            // "restored" is also the Rollback's boolean (false when there was nothing to roll back to): only an object has weights.
            if (ExecutionInsight.Member(data, name) is not JsonObject holder || holder[GroupsMember] is not JsonArray groups)
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
            if (StatePath.ReadString<TargetGroupWeight>(group, g => g.TargetGroupArn) is { } arn
                && StatePath.Read<TargetGroupWeight>(group, g => g.Weight) is JsonValue weight && weight.TryGetValue<double>(out var percent))
            {
                result[colors.GetValueOrDefault(arn, arn)] = (int)percent;
            }
        }

        return result;
    }
}
