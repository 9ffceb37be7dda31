using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.SNS;

namespace Deploy.Constructs.Internal;

/// <summary>What the state machine definitions are built from: the fleet, the pipeline's resources and the configuration.</summary>
internal sealed record FlowContext(
    BlueGreenFleet Fleet,
    ResolvedConfiguration Config,
    string ApplicationName,
    string EnvironmentName,
    ITable Table,
    ITopic Topic,
    IKey TopicKey,
    IFunction ValidateRequest,
    IFunction HealthCheck,
    IFunction LaunchTemplateRevert,
    IAlarm BlueComposite,
    IAlarm GreenComposite,
    string BlueCompositeName,
    string GreenCompositeName,
    string MetricNamespace)
{
    /// <summary>Partition key of this application and environment's items (lock, state, records).</summary>
    public string PartitionKey => $"{ApplicationName}#{EnvironmentName}";
}
