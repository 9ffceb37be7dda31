using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Constructs;
using Deploy.Constructs;

namespace Deploy.App;

/// <summary>
/// The bundled app's stack for one environment: a VPC, a blue/green fleet of Amazon Linux 2023 instances
/// running a tiny web server (its <c>/health</c> page shows the instance's <c>deploy:version</c> tag), and
/// the deployment pipeline.
/// </summary>
public sealed class BlueGreenStack : Stack
{
    /// <summary>Creates the stack for <paramref name="environmentName"/> with its settings.</summary>
    public BlueGreenStack(Construct scope, string id, string applicationName, string environmentName, EnvironmentSettings settings, IStackProps? props = null)
        : base(scope, id, props)
    {
        var vpc = new Vpc(this, "Vpc", new VpcProps
        {
            MaxAzs = 2,
            NatGateways = 1,
            FlowLogs = new Dictionary<string, IFlowLogOptions>
            {
                ["All"] = new FlowLogOptions { TrafficType = FlowLogTrafficType.ALL },
            },
        });

        Fleet = new BlueGreenFleet(this, "Fleet", new BlueGreenFleetProps
        {
            Vpc = vpc,
            LoadBalancer = new FleetLoadBalancerOptions(),
            MachineImage = MachineImage.LatestAmazonLinux2023(),
            InstanceType = settings.InstanceType is { } type ? new InstanceType(type) : null,
            UserData = WebServerUserData(),
            Capacity = settings.Capacity,
            MaxCapacity = settings.MaxCapacity,
        });

        Pipeline = new DeploymentPipeline(this, "Pipeline", new DeploymentPipelineProps
        {
            Fleet = Fleet,
            ApplicationName = applicationName,
            EnvironmentName = environmentName,
            Configuration = settings.Deployment,
            NotificationEmails = settings.NotificationEmails,
        });
    }

    /// <summary>The fleet.</summary>
    public BlueGreenFleet Fleet { get; }

    /// <summary>The pipeline.</summary>
    public DeploymentPipeline Pipeline { get; }

    private static UserData WebServerUserData()
    {
        var userData = UserData.ForLinux();
        userData.AddCommands(
            "TOKEN=$(curl -s -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')",
            "tag() { curl -s -f -H \"X-aws-ec2-metadata-token: $TOKEN\" \"http://169.254.169.254/latest/meta-data/tags/instance/$1\" || echo unknown; }",
            "mkdir -p /srv/app",
            "printf '{\"version\":\"%s\",\"artifact\":\"%s\"}\\n' \"$(tag deploy:version)\" \"$(tag deploy:artifact)\" > /srv/app/health",
            "cp /srv/app/health /srv/app/index.html",
            "cd /srv/app && nohup python3 -m http.server 80 >/var/log/app.log 2>&1 &");
        return userData;
    }
}
