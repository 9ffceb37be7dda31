using System.Text.Json.Nodes;

namespace Deploy.TestSupport;

/// <summary>
/// Finds the parts of a synthesized template or state machine definition by what names them (a Choice rule by the state
/// it leads to, a catcher or retrier by the error it handles, an array element by a key), never by its position, so a
/// test asserts what a part does, not where the synthesis put it. Each throws, naming what it looked for and in what,
/// when the part is missing or ambiguous: the test fails there.
/// </summary>
public static class ByName
{
    /// <summary>The one rule of the Choice state <paramref name="choice"/> that leads to <paramref name="next"/>.</summary>
    /// <param name="choice">A Choice state.</param>
    /// <param name="next">The name of the state the rule leads to.</param>
    /// <returns>The rule (its condition and <c>Next</c>).</returns>
    /// <exception cref="InvalidOperationException">No rule, or more than one, leads to <paramref name="next"/>.</exception>
    public static JsonObject Rule(JsonNode? choice, string next)
    {
        var rules = Objects(choice, "Choices").Where(r => (string?)r["Next"] == next).ToList();
        return rules.Count == 1
            ? rules[0]
            : throw new InvalidOperationException($"Expected one Choice rule leading to {next}, found {rules.Count} in {choice?.ToJsonString() ?? "nothing"}.");
    }

    /// <summary>
    /// The catcher of <paramref name="state"/> that handles <paramref name="error"/>: as Step Functions picks it, the
    /// first whose <c>ErrorEquals</c> names the error or <c>States.ALL</c>. Pass <c>States.ALL</c> for the catch-all.
    /// </summary>
    /// <param name="state">A Task, Map or Parallel state.</param>
    /// <param name="error">An error name.</param>
    /// <returns>The catcher.</returns>
    /// <exception cref="InvalidOperationException">No catcher handles <paramref name="error"/>.</exception>
    /// <seealso href="https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html">Handling errors in Step Functions workflows</seealso>
    public static JsonObject Catcher(JsonNode? state, string error) => Handler(state, "Catch", error);

    /// <summary>The retrier of <paramref name="state"/> that handles <paramref name="error"/>, picked as <see cref="Catcher"/> picks a catcher.</summary>
    /// <param name="state">A Task, Map or Parallel state.</param>
    /// <param name="error">An error name.</param>
    /// <returns>The retrier.</returns>
    /// <exception cref="InvalidOperationException">No retrier handles <paramref name="error"/>.</exception>
    public static JsonObject Retrier(JsonNode? state, string error) => Handler(state, "Retry", error);

    /// <summary>The one element of the array <paramref name="array"/> whose <paramref name="key"/> is <paramref name="value"/>.</summary>
    /// <param name="array">A JSON array of objects (statements, actions, target groups, metrics…).</param>
    /// <param name="key">The member that names an element (<c>Sid</c>, <c>Type</c>, <c>TargetGroupArn</c>, <c>Id</c>…).</param>
    /// <param name="value">Its value, compared as JSON text for a non-string member.</param>
    /// <returns>The element.</returns>
    /// <exception cref="InvalidOperationException">No element, or more than one, has that value.</exception>
    public static JsonObject Element(JsonNode? array, string key, string value)
    {
        var found = (array as JsonArray ?? []).OfType<JsonObject>().Where(e => Text(e[key]) == value).ToList();
        return found.Count == 1
            ? found[0]
            : throw new InvalidOperationException($"Expected one element with {key} {value}, found {found.Count} in {array?.ToJsonString() ?? "nothing"}.");
    }

    private static JsonObject Handler(JsonNode? state, string field, string error) =>
        Objects(state, field).FirstOrDefault(h => (h["ErrorEquals"] as JsonArray ?? []).Any(e => Text(e) is { } name && (name == error || name == "States.ALL")))
        ?? throw new InvalidOperationException($"No {field} entry handles {error} in {state?.ToJsonString() ?? "nothing"}.");

    private static IEnumerable<JsonObject> Objects(JsonNode? node, string field) => (node?[field] as JsonArray ?? []).OfType<JsonObject>();

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
