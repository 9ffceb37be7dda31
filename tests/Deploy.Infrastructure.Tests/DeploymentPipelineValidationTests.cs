using Amazon.CDK;
using Deploy.Constructs;
using Deploy.Contracts;
using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests;

public class DeploymentPipelineValidationTests
{
    public static TheoryData<string, Func<DeploymentPipelineProps, DeploymentPipelineProps>> InvalidProps => new()
    {
        { "DeploymentPipelineProps.Fleet: is required; give the BlueGreenFleet to deploy to.", p => p with { Fleet = null } },
        { "DeploymentPipelineProps.ApplicationName: is required; use 1-32 lowercase letters, digits or hyphens, starting with a letter.", p => p with { ApplicationName = null } },
        { "DeploymentPipelineProps.ApplicationName: got \"Web App\"; use 1-32 lowercase letters, digits or hyphens, starting with a letter.", p => p with { ApplicationName = "Web App" } },
        { "DeploymentPipelineProps.EnvironmentName: got \"9prod\"; use 1-32 lowercase letters, digits or hyphens, starting with a letter.", p => p with { EnvironmentName = "9prod" } },
        { "DeploymentPipelineProps.NotificationEmails: got \"ops\"; each entry must be an e-mail address like ops@example.com.", p => p with { NotificationEmails = new[] { "ok@example.com", "ops" } } },
        { "DeploymentConfiguration.GracePeriod: got 0 seconds; must be longer than zero.", p => With(p, new() { GracePeriod = Duration.Seconds(0) }) },
        { "DeploymentConfiguration.DeploymentTimeout: got 0 seconds; must be longer than zero.", p => With(p, new() { DeploymentTimeout = Duration.Seconds(0) }) },
        { "DeploymentConfiguration.GracePeriod: got 1200 seconds; must be shorter than DeploymentTimeout (1200 seconds).", p => With(p, new() { GracePeriod = Duration.Minutes(20) }) },
        { "DeploymentConfiguration.GracePeriod: got 1800 seconds; must be shorter than DeploymentTimeout (600 seconds).", p => With(p, new() { GracePeriod = Duration.Minutes(30), DeploymentTimeout = Duration.Minutes(10) }) },
        { "DeploymentConfiguration.HealthPollInterval: got 1 seconds; must be whole seconds from 5 to 3600 seconds.", p => With(p, new() { HealthPollInterval = Duration.Seconds(1) }) },
        { "DeploymentConfiguration.CanaryPercentage: got 0; must be a whole number from 1 to 99.", p => With(p, new() { CanaryPercentage = 0 }) },
        { "DeploymentConfiguration.CanaryPercentage: got 100; must be a whole number from 1 to 99.", p => With(p, new() { CanaryPercentage = 100 }) },
        { "DeploymentConfiguration.LinearStepPercentage: got 51; must be a whole number from 1 to 50.", p => With(p, new() { LinearStepPercentage = 51 }) },
        { "DeploymentConfiguration.LinearInterval: got 0 seconds; must be longer than zero.", p => With(p, new() { LinearInterval = Duration.Seconds(0) }) },
        { "DeploymentConfiguration.MinHealthyPercentage: got 0%; must be from 1% to 100%.", p => With(p, new() { MinHealthyPercentage = 0 }) },
        { "DeploymentConfiguration.MinHealthyPercentage: got 120%; must be from 1% to 100%.", p => With(p, new() { MinHealthyPercentage = 120 }) },
        { "DeploymentConfiguration.MaxTarget5xxCount: got -1; must be a whole number from 0 to 1000000.", p => With(p, new() { MaxTarget5xxCount = -1 }) },
        { "DeploymentConfiguration.MaxTarget5xxPercent: got -0.5%; must be from 0% to 100%.", p => With(p, new() { MaxTarget5xxPercent = -0.5 }) },
        { "DeploymentConfiguration.MaxTarget5xxPercent: got 101%; must be from 0% to 100%.", p => With(p, new() { MaxTarget5xxPercent = 101 }) },
        { "DeploymentConfiguration.MaxTarget5xxPercent: got NaN%; must be from 0% to 100%.", p => With(p, new() { MaxTarget5xxPercent = double.NaN }) },
        { "DeploymentConfiguration.MaxResponseTimeMs: got 0 ms; must be from 1 ms to 600000 ms.", p => With(p, new() { MaxResponseTimeMs = 0 }) },
        { "DeploymentConfiguration.ApprovalTimeout: got 0 seconds; must be longer than zero.", p => With(p, new() { ApprovalTimeout = Duration.Seconds(0) }) },
        { "DeploymentConfiguration.DefaultStrategy: got 7; use AllAtOnce, Canary or Linear.", p => With(p, new() { DefaultStrategy = (DeploymentStrategy)7 }) },
        { "DeploymentConfiguration.RecordRetention: got 1.5 days; must be whole days from 1 to 3650 days.", p => With(p, new() { RecordRetention = Duration.Hours(36) }) },
        { "DeploymentConfiguration.RecordRetention: got 0 days; must be whole days from 1 to 3650 days.", p => With(p, new() { RecordRetention = Duration.Days(0) }) },
        { "DeploymentConfiguration.RecordRetention: got 3651 days; must be whole days from 1 to 3650 days.", p => With(p, new() { RecordRetention = Duration.Days(3651) }) },
    };

    [Theory]
    [MemberData(nameof(InvalidProps))]
    public void Constructor_InvalidProps_ThrowsNamingPropValueAndAllowed(string expected, Func<DeploymentPipelineProps, DeploymentPipelineProps> change)
    {
        // Arrange
        var stack = TestStacks.NewStack();
        var props = change(new DeploymentPipelineProps { Fleet = TestStacks.NewFleet(stack), ApplicationName = "shop", EnvironmentName = "staging" });

        // Act
        var error = Assert.Throws<InvalidPropsException>(() => new DeploymentPipeline(stack, "Pipeline", props));

        // Assert
        Assert.Equal(expected, error.Message);
        Assert.Null(stack.Node.TryFindChild("Pipeline"));
    }

    private static DeploymentPipelineProps With(DeploymentPipelineProps props, DeploymentConfiguration configuration) =>
        props with { Configuration = configuration };

    [Theory]
    [InlineData(0)]
    [InlineData(0.5)]
    [InlineData(100)]
    public void Constructor_MaxTarget5xxPercentInRange_IsAccepted(double percent)
    {
        // Arrange
        var stack = TestStacks.NewStack();
        var props = new DeploymentPipelineProps
        {
            Fleet = TestStacks.NewFleet(stack), ApplicationName = "shop", EnvironmentName = "staging",
            Configuration = new DeploymentConfiguration { MaxTarget5xxPercent = percent },
        };

        // Act
        var pipeline = new DeploymentPipeline(stack, "Pipeline", props);

        // Assert
        Assert.NotNull(pipeline.HealthProbeStateMachine);
    }
}
