using System.Linq.Expressions;
using System.Text.Json.Serialization;

namespace Deploy.Contracts.Flows;

/// <summary>The environment's state item (<c>pk</c> = application#environment, <c>sk</c> = <c>STATE</c>) in DynamoDB's attribute-value form, as <c>GetItem</c> and <c>UpdateItem</c> tasks return it: every attribute the flows read or write, declared once. Its attribute names (<c>StatePath.Name&lt;StateItem&gt;(i =&gt; i.LiveColor)</c>) are the ones the update expressions write.</summary>
/// <remarks>Declares where the flows keep data, for <see cref="StatePath"/>; a member is non-null here so paths read without <c>!</c>, though a field is present only once a state wrote it.</remarks>
public sealed record StateItem
{
    /// <summary>The partition key: application#environment.</summary>
    [JsonPropertyName("pk")]
    public StringAttribute Pk { get; init; } = null!;

    /// <summary>The sort key: <c>STATE</c>.</summary>
    [JsonPropertyName("sk")]
    public StringAttribute Sk { get; init; } = null!;

    /// <summary>The lock: the holder's execution ARN; absent when free.</summary>
    public StringAttribute LockedBy { get; init; } = null!;

    /// <summary>The last verified color (<c>blue</c>/<c>green</c>), the one a rollback or recovery restores; absent when no color is known to serve.</summary>
    public StringAttribute LiveColor { get; init; } = null!;

    /// <summary>The application version the live color runs (the deployment request's <c>version</c>).</summary>
    public StringAttribute LiveVersion { get; init; } = null!;

    /// <summary>The launch-template version the live color runs.</summary>
    public NumberAttribute LiveLaunchTemplateVersion { get; init; } = null!;

    /// <summary>The color that was live before the live one.</summary>
    public StringAttribute PreviousColor { get; init; } = null!;

    /// <summary>The launch-template version the previous color ran when it stopped being live.</summary>
    public StringAttribute PreviousLaunchTemplateVersion { get; init; } = null!;

    /// <summary>Whether the previous color still has instances running its recorded version and may take traffic back.</summary>
    public BooleanAttribute PreviousWarm { get; init; } = null!;

    /// <summary>The color a running deployment deploys (cleared with the lock).</summary>
    public StringAttribute DeployingColor { get; init; } = null!;

    /// <summary>The sort key of the lock holder's deployment record (cleared with the lock).</summary>
    public StringAttribute DeploymentRecord { get; init; } = null!;

    /// <summary>The rollback signal: the Rollback execution that restored traffic during a deployment (cleared with the lock).</summary>
    public StringAttribute RollbackRequestedBy { get; init; } = null!;

    /// <summary>The index of the running deployment's current traffic step; absent before the first (removed when a new holder takes the lock).</summary>
    public NumberAttribute ShiftIndex { get; init; } = null!;

    /// <summary>The alarm the Rollback flow last notified <c>RollbackSkipped</c> for (cleared when a deployment takes the lock).</summary>
    public StringAttribute RollbackSkippedFor { get; init; } = null!;

    /// <summary>The execution whose rollback could not put traffic back (cleared when an execution next takes the lock).</summary>
    public StringAttribute RollbackFailedBy { get; init; } = null!;

    /// <summary>The last unlock of a lock whose holder was not running: <c>at</c>, <c>reason</c>, <c>requestedBy</c>, <c>previousHolder</c>, <c>holderStatus</c>.</summary>
    public MapAttribute LastUnlock { get; init; } = null!;

    /// <summary>The group the <c>revert*</c> attributes revert.</summary>
    public StringAttribute RevertGroup { get; init; } = null!;

    /// <summary>The launch-template version <see cref="RevertGroup"/> ran before the deployment that last changed it.</summary>
    public StringAttribute RevertLaunchTemplateVersion { get; init; } = null!;

    /// <summary>Its minimum size then.</summary>
    public NumberAttribute RevertMinSize { get; init; } = null!;

    /// <summary>Its maximum size then.</summary>
    public NumberAttribute RevertMaxSize { get; init; } = null!;

    /// <summary>Its desired capacity then.</summary>
    public NumberAttribute RevertDesiredCapacity { get; init; } = null!;

    /// <summary>The deployment that last recorded a new live color.</summary>
    public StringAttribute LastExecution { get; init; } = null!;

    /// <summary>The attribute name of <paramref name="attribute"/> (<c>liveColor</c>), as an update or condition expression writes it.</summary>
    public static string Name(Expression<Func<StateItem, object?>> attribute) => StatePath.Name(attribute);
}
