using System.Text.Json.Nodes;

namespace Deploy.Conformance.Tests;

/// <summary>
/// A targeted DynamoDB case: a table holding <see cref="Items"/>, then <see cref="Calls"/> in order, answered by the
/// world's <c>SimulatedTable</c> and by moto, which must agree.
/// </summary>
/// <param name="Name">The case's name (test display name).</param>
/// <param name="Expected">What the AWS documentation says the first call does: <c>succeeds</c>, or the error Step Functions surfaces.</param>
/// <param name="Items">The items in the table before the first call.</param>
/// <param name="Calls">Each call: the optimized integration's action (<c>updateItem</c>) and its Parameters (TableName added).</param>
public sealed record TableCase(string Name, string Expected, IReadOnlyList<JsonObject> Items, IReadOnlyList<(string Action, JsonObject Input)> Calls)
{
    /// <summary>The table every case uses.</summary>
    public const string TableName = "conformance-table";

    /// <inheritdoc />
    public override string ToString() => Name;
}
