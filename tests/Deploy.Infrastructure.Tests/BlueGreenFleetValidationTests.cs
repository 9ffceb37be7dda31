using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Deploy.Constructs;
using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests;

public class BlueGreenFleetValidationTests
{
    public static TheoryData<string, Func<Stack, BlueGreenFleetProps, BlueGreenFleetProps>> InvalidProps => new()
    {
        { "BlueGreenFleetProps.Vpc: is required; give the VPC of the instances.", (_, p) => p with { Vpc = null } },
        { "BlueGreenFleetProps.Listener: both an existing listener and LoadBalancer options were given; give one of them.",
            (s, p) => p with { Listener = ApplicationListener.FromApplicationListenerAttributes(s, "L", new ApplicationListenerAttributes { ListenerArn = "arn:aws:elasticloadbalancing:us-east-1:1:listener/app/a/b/c", SecurityGroup = SecurityGroup.FromSecurityGroupId(s, "Sg", "sg-0123456789abcdef0") }) } },
        { "BlueGreenFleetProps.Listener: is required when LoadBalancer is not given; give an existing listener or the load balancer to create.", (_, p) => p with { LoadBalancer = null } },
        { "BlueGreenFleetProps.LaunchTemplate: was given together with MachineImage, InstanceType or UserData; give a launch template or those, not both.",
            (s, p) => p with { LaunchTemplate = LaunchTemplate.FromLaunchTemplateAttributes(s, "Lt", new LaunchTemplateAttributes { LaunchTemplateId = "lt-0123", VersionNumber = "3" }) } },
        { "BlueGreenFleetProps.LaunchTemplate: has no launch template id; import it with LaunchTemplate.FromLaunchTemplateAttributes and a LaunchTemplateId.",
            (s, p) => p with { MachineImage = null, LaunchTemplate = LaunchTemplate.FromLaunchTemplateAttributes(s, "Lt", new LaunchTemplateAttributes { LaunchTemplateName = "web", VersionNumber = "3" }) } },
        { "BlueGreenFleetProps.LaunchTemplate: has version \"$Latest\"; the groups must be pinned to a numbered version (1 or more), never $Latest or $Default.",
            (s, p) => p with { MachineImage = null, LaunchTemplate = LaunchTemplate.FromLaunchTemplateAttributes(s, "Lt", new LaunchTemplateAttributes { LaunchTemplateId = "lt-0123", VersionNumber = "$Latest" }) } },
        { "BlueGreenFleetProps.LaunchTemplate: has version \"0\"; the groups must be pinned to a numbered version (1 or more), never $Latest or $Default.",
            (s, p) => p with { MachineImage = null, LaunchTemplate = LaunchTemplate.FromLaunchTemplateAttributes(s, "Lt", new LaunchTemplateAttributes { LaunchTemplateId = "lt-0123", VersionNumber = "0" }) } },
        { "BlueGreenFleetProps.MachineImage: is required; give it (or a LaunchTemplate) so the fleet has an image to launch.", (_, p) => p with { MachineImage = null } },
        { "BlueGreenFleetProps.Capacity: got 0; must be a whole number from 1 to 1000.", (_, p) => p with { Capacity = 0 } },
        { "BlueGreenFleetProps.Capacity: got 1.5; must be a whole number from 1 to 1000.", (_, p) => p with { Capacity = 1.5 } },
        { "BlueGreenFleetProps.MaxCapacity: got 3; must be a whole number from 4 to 1000.", (_, p) => p with { Capacity = 4, MaxCapacity = 3 } },
        { "BlueGreenFleetProps.TargetPort: got 70000; must be a whole number from 1 to 65535.", (_, p) => p with { TargetPort = 70000 } },
        { "BlueGreenFleetProps.RulePriority: got 0; must be a whole number from 1 to 50000.", (_, p) => p with { RulePriority = 0 } },
        { "BlueGreenFleetProps.PathPatterns: got 0 patterns; give 1 to 5.", (_, p) => p with { PathPatterns = Array.Empty<string>() } },
        { "BlueGreenFleetProps.PathPatterns: got 6 patterns; give 1 to 5.", (_, p) => p with { PathPatterns = new[] { "/a", "/b", "/c", "/d", "/e", "/f" } } },
        { "BlueGreenFleetProps.HealthCheckPath: got \"health\"; must start with / and be at most 1024 characters.", (_, p) => p with { HealthCheckPath = "health" } },
        { "BlueGreenFleetProps.HealthCheckInterval: got 301 seconds; must be whole seconds from 5 to 300 seconds.", (_, p) => p with { HealthCheckInterval = Duration.Seconds(301) } },
        { "BlueGreenFleetProps.HealthCheckInterval: got 7.5 seconds; must be whole seconds from 5 to 300 seconds.", (_, p) => p with { HealthCheckInterval = Duration.Millis(7500) } },
        { "BlueGreenFleetProps.HealthCheckTimeout: got 1 seconds; must be whole seconds from 2 to 120 seconds.", (_, p) => p with { HealthCheckTimeout = Duration.Seconds(1) } },
        { "BlueGreenFleetProps.HealthCheckTimeout: got 15 seconds; must be less than HealthCheckInterval (15 seconds).", (_, p) => p with { HealthCheckTimeout = Duration.Seconds(15) } },
        { "BlueGreenFleetProps.HealthyThresholdCount: got 11; must be a whole number from 2 to 10.", (_, p) => p with { HealthyThresholdCount = 11 } },
        { "BlueGreenFleetProps.UnhealthyThresholdCount: got 1; must be a whole number from 2 to 10.", (_, p) => p with { UnhealthyThresholdCount = 1 } },
        { "BlueGreenFleetProps.DeregistrationDelay: got 3601 seconds; must be whole seconds from 0 to 3600 seconds.", (_, p) => p with { DeregistrationDelay = Duration.Seconds(3601) } },
    };

    [Theory]
    [MemberData(nameof(InvalidProps))]
    public void Constructor_InvalidProps_ThrowsNamingPropValueAndAllowed(string expected, Func<Stack, BlueGreenFleetProps, BlueGreenFleetProps> change)
    {
        // Arrange
        var stack = TestStacks.NewStack();
        var props = change(stack, TestStacks.FleetProps(stack));

        // Act
        var error = Assert.Throws<InvalidPropsException>(() => new BlueGreenFleet(stack, "Fleet", props));

        // Assert: the message, and nothing of the fleet was added to the stack.
        Assert.Equal(expected, error.Message);
        Assert.Null(stack.Node.TryFindChild("Fleet"));
    }

    [Fact]
    public void Constructor_ImportedNumberedLaunchTemplate_IsAccepted()
    {
        var stack = TestStacks.NewStack();
        var template = LaunchTemplate.FromLaunchTemplateAttributes(stack, "Lt", new LaunchTemplateAttributes { LaunchTemplateId = "lt-0123", VersionNumber = "12" });

        var fleet = TestStacks.NewFleet(stack, p => p with { MachineImage = null, LaunchTemplate = template });

        var synthesized = TemplateJson.Of(stack);
        var initial = JsonNode.Parse(TemplateJson.Flatten(synthesized.OnlyResource("Custom::InitialCapacity")["Properties"]!["Create"]!))!;

        // The groups' template names version 1 for good; blue starts on the given version, and deployments build from it.
        Assert.Equal(("lt-0123", "12"), (fleet.LaunchTemplateId, fleet.SourceLaunchTemplateVersion));
        Assert.Equal("12", initial["parameters"]!["LaunchTemplate"]!["Version"]!.GetValue<string>());
        foreach (var (_, group) in synthesized.Resources("AWS::AutoScaling::AutoScalingGroup"))
        {
            Assert.Equal("1", group["Properties"]!["LaunchTemplate"]!["Version"]!.GetValue<string>());
        }
    }
}
