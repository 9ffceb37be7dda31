using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;

using Timeout = Amazon.CDK.AWS.StepFunctions.Timeout;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The per-environment lock: one item (<c>pk</c> = application#environment, <c>sk</c> = LOCK) written with
/// <c>attribute_not_exists</c>, so a second deployment fails with <c>DynamoDB.ConditionalCheckFailedException</c>
/// and changes nothing; released only by the execution that holds it.
/// </summary>
internal static class DeploymentLock
{
    public const string SortKey = "LOCK";
    public const string HeldError = "DynamoDB.ConditionalCheckFailedException";

    public static DynamoPutItem Acquire(Construct scope, string id, FlowContext context, string versionPath)
    {
        var task = new DynamoPutItem(scope, id, new DynamoPutItemProps
        {
            Table = context.Table,
            Item = new Dictionary<string, DynamoAttributeValue>
            {
                ["pk"] = DynamoAttributeValue.FromString(context.PartitionKey),
                ["sk"] = DynamoAttributeValue.FromString(SortKey),
                ["executionArn"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.Execution.Id")),
                ["version"] = DynamoAttributeValue.FromString(JsonPath.StringAt(versionPath)),
                ["acquiredAt"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.State.EnteredTime")),
            },
            ConditionExpression = "attribute_not_exists(pk)",
            ResultPath = JsonPath.DISCARD,
            TaskTimeout = Timeout.Duration(FlowTasks.TaskTimeout),
        });
        return FlowTasks.WithRetries(task, "DynamoDB");
    }

    public static DynamoDeleteItem Release(Construct scope, string id, FlowContext context)
    {
        var task = new DynamoDeleteItem(scope, id, new DynamoDeleteItemProps
        {
            Table = context.Table,
            Key = new Dictionary<string, DynamoAttributeValue>
            {
                ["pk"] = DynamoAttributeValue.FromString(context.PartitionKey),
                ["sk"] = DynamoAttributeValue.FromString(SortKey),
            },
            // Only the holder releases; a lock already gone is not an error worth failing a rollback for.
            ConditionExpression = "attribute_not_exists(pk) OR executionArn = :me",
            ExpressionAttributeValues = new Dictionary<string, DynamoAttributeValue>
            {
                [":me"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.Execution.Id")),
            },
            ResultPath = JsonPath.DISCARD,
            TaskTimeout = Timeout.Duration(FlowTasks.TaskTimeout),
        });
        return FlowTasks.WithRetries(task, "DynamoDB");
    }
}
