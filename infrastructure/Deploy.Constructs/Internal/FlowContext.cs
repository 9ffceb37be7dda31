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
    string MetricNamespace,
    string DeployStateMachineName)
{
    /// <summary>The HealthProbe state machine, set once it exists (Deploy and Rollback start it).</summary>
    public Amazon.CDK.AWS.StepFunctions.IStateMachine? HealthProbe { get; init; }

    /// <summary>The color names as the flows and the state item spell them.</summary>
    public static string Name(FleetColor color) => color == FleetColor.Blue ? "blue" : "green";

    public static FleetColor Other(FleetColor color) => color == FleetColor.Blue ? FleetColor.Green : FleetColor.Blue;

    public string CompositeName(FleetColor color) => color == FleetColor.Blue ? BlueCompositeName : GreenCompositeName;

    /// <summary>Partition key of this application and environment's items (lock, state, records).</summary>
    public string PartitionKey => $"{ApplicationName}#{EnvironmentName}";
}
