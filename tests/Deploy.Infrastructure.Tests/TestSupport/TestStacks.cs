using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Deploy.Constructs;

namespace Deploy.Infrastructure.Tests.TestSupport;

/// <summary>Fresh apps and stacks for construct tests. Bundling is skipped: these tests read templates, not assets.</summary>
internal static class TestStacks
{
    static TestStacks()
    {
        OfflineEnvironment.Apply();
    }

    public static Stack NewStack() =>
        new(new Amazon.CDK.App(new AppProps
        {
            Context = new Dictionary<string, object> { ["aws:cdk:bundling-stacks"] = Array.Empty<string>() },
        }), "Test");

    private static readonly Lazy<TemplateJson> Default = new(() =>
    {
        var stack = NewStack();
        NewPipeline(stack);
        return TemplateJson.Of(stack);
    });

    /// <summary>
    /// The template of a default pipeline (<see cref="NewStack"/> + <see cref="NewPipeline"/> with no options), synthesized
    /// once for the test run: a synthesis takes seconds, and most construct tests only read it. Do not change it.
    /// </summary>
    public static TemplateJson DefaultTemplate => Default.Value;

    public static IVpc NewVpc(Stack stack) => new Vpc(stack, "Vpc", new VpcProps { MaxAzs = 2, NatGateways = 1 });

    public static BlueGreenFleetProps FleetProps(Stack stack) => new()
    {
        Vpc = NewVpc(stack),
        LoadBalancer = new FleetLoadBalancerOptions(),
        MachineImage = MachineImage.GenericLinux(new Dictionary<string, string> { ["us-east-1"] = "ami-0123456789abcdef0" }),
    };

    public static BlueGreenFleet NewFleet(Stack stack, Func<BlueGreenFleetProps, BlueGreenFleetProps>? change = null) =>
        new(stack, "Fleet", (change ?? (p => p))(FleetProps(stack)));

    public static DeploymentPipeline NewPipeline(Stack stack, DeploymentConfiguration? configuration = null, BlueGreenFleet? fleet = null, string[]? emails = null) =>
        new(stack, "Pipeline", new DeploymentPipelineProps
        {
            Fleet = fleet ?? NewFleet(stack),
            ApplicationName = "shop",
            EnvironmentName = "staging",
            Configuration = configuration,
            NotificationEmails = emails,
        });
}
