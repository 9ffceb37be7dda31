using Constructs;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;

namespace Deploy.Constructs.Internal;

/// <summary>An UpdateItem of the state table as <see cref="StateTable.Update(Construct, string, FlowContext, StateUpdate)"/> builds it.</summary>
/// <param name="Expression">The update expression.</param>
/// <param name="Values">Its expression attribute values.</param>
internal sealed record StateUpdate(string Expression, Dictionary<string, DynamoAttributeValue> Values)
{
    /// <summary>The condition expression; none by default.</summary>
    public string? Condition { get; init; }

    /// <summary>Where the result goes; discarded by default.</summary>
    public string ResultPath { get; init; } = JsonPath.DISCARD;

    /// <summary>What the update returns; nothing by default.</summary>
    public DynamoReturnValues ReturnValues { get; init; } = DynamoReturnValues.NONE;

    /// <summary>The item's key; the state item by default.</summary>
    public Dictionary<string, DynamoAttributeValue>? Key { get; init; }

    /// <summary>Expression attribute names (for reserved words such as <c>status</c>).</summary>
    public Dictionary<string, string>? Names { get; init; }

    /// <summary>Retry every error but the permanent ones (see <see cref="FlowTasks.WithPersistentRetries"/>).</summary>
    public bool PersistentRetries { get; init; }

    /// <summary>The state's comment.</summary>
    public string? Comment { get; init; }
}
