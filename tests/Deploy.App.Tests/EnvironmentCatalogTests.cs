using Deploy.App;
using Deploy.Constructs;
using Deploy.Contracts;

namespace Deploy.App.Tests;

public class EnvironmentCatalogTests
{
    [Fact]
    public void Resolve_NoContext_GivesStagingAndProductionWithSeedDefaults()
    {
        var environments = EnvironmentCatalog.Resolve(null, null).ToDictionary(e => e.Name, e => e.Settings);

        Assert.Equal(new[] { "staging", "production" }, environments.Keys);
        var staging = environments["staging"].Deployment;
        Assert.Equal(300, staging.GracePeriod!.ToSeconds());
        Assert.Equal(1200, staging.DeploymentTimeout!.ToSeconds());
        Assert.Equal(10, staging.CanaryPercentage);
        Assert.Equal(50, staging.MinHealthyPercentage);
        Assert.False(staging.ApprovalRequired);
        var production = environments["production"].Deployment;
        Assert.Equal(600, production.GracePeriod!.ToSeconds());
        Assert.Equal(1800, production.DeploymentTimeout!.ToSeconds());
        Assert.Equal(5, production.CanaryPercentage);
        Assert.Equal(75, production.MinHealthyPercentage);
        Assert.True(production.ApprovalRequired);
    }

    [Fact]
    public void Resolve_ContextOverridesAndNewEnvironment_MergesOverDefaults()
    {
        var context = new Dictionary<string, object>
        {
            ["staging"] = new Dictionary<string, object> { ["canaryPercentage"] = 20, ["region"] = "eu-west-1", ["strategy"] = "linear" },
            ["qa"] = new Dictionary<string, object> { ["capacity"] = 1 },
        };

        var environments = EnvironmentCatalog.Resolve(context, null).ToDictionary(e => e.Name, e => e.Settings);

        Assert.Equal(new[] { "staging", "production", "qa" }, environments.Keys);
        Assert.Equal(20, environments["staging"].Deployment.CanaryPercentage);
        Assert.Equal(50, environments["staging"].Deployment.MinHealthyPercentage);
        Assert.Equal("eu-west-1", environments["staging"].Region);
        Assert.Equal(DeploymentStrategy.Linear, environments["staging"].Deployment.DefaultStrategy);
        Assert.Equal(1, environments["qa"].Capacity);
        Assert.Null(environments["qa"].Deployment.GracePeriod);
        Assert.Equal(300, environments["staging"].Deployment.GracePeriod!.ToSeconds());
    }

    [Fact]
    public void Resolve_MaxTarget5xxPercent_ReachesTheConfigurationOnlyWhereSet()
    {
        var context = new Dictionary<string, object> { ["staging"] = new Dictionary<string, object> { ["maxTarget5xxPercent"] = 1.5 } };

        var environments = EnvironmentCatalog.Resolve(context, null).ToDictionary(e => e.Name, e => e.Settings);

        Assert.Equal(1.5, environments["staging"].Deployment.MaxTarget5xxPercent);
        Assert.Null(environments["production"].Deployment.MaxTarget5xxPercent);
    }

    [Fact]
    public void Resolve_SelectedEnvironment_GivesOnlyThatOne()
    {
        var environments = EnvironmentCatalog.Resolve(null, "production");

        Assert.Equal("production", Assert.Single(environments).Name);
    }

    public static TheoryData<string, object?, string?> InvalidContexts => new()
    {
        { "env: unknown environment \"prod\"; known environments: staging, production.", null, "prod" },
        { "environments.staging: unknown setting(s) \"canary\"; see the configuration reference in README.md.",
            new Dictionary<string, object> { ["staging"] = new Dictionary<string, object> { ["canary"] = 5 } }, null },
        { "environments: the context is not a map of environment names to settings (The JSON value could not be converted to System.Collections.Generic.Dictionary`2[System.String,Deploy.App.EnvironmentSettings]. Path: $ | LineNumber: 0 | BytePositionInLine: 1.).",
            new[] { "staging" }, null },
    };

    [Theory]
    [MemberData(nameof(InvalidContexts))]
    public void Resolve_InvalidContext_ThrowsWithWhatIsWrong(string expected, object? context, string? selected)
    {
        var error = Assert.Throws<InvalidPropsException>(() => EnvironmentCatalog.Resolve(context, selected));

        Assert.Equal(expected, error.Message);
    }

    public static TheoryData<string, string, string> InvalidSettings => new()
    {
        { "bakeTimeMinutes", "-5", "environments.staging.bakeTimeMinutes: got -5; must be zero or more." },
        { "gracePeriodMinutes", "-5", "environments.staging.gracePeriodMinutes: got -5; must be zero or more." },
        { "healthPollIntervalSeconds", "\"30\"", "environments.staging.healthPollIntervalSeconds: got \"30\"; must be a number." },
        { "canaryPercentage", "true", "environments.staging.canaryPercentage: got true; must be a number." },
        { "approvalRequired", "\"yes\"", "environments.staging.approvalRequired: got \"yes\"; must be true or false." },
        { "strategy", "\"BlueGreen\"", "environments.staging.strategy: got \"BlueGreen\"; use AllAtOnce, Canary or Linear." },
        { "strategy", "1", "environments.staging.strategy: got 1; use AllAtOnce, Canary or Linear." },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Resolve_InvalidDeploymentSetting_ThrowsNamingTheSettingAndTheValue(string field, string json, string expected)
    {
        var context = $"{{\"staging\": {{\"{field}\": {json}}}}}";

        var error = Assert.Throws<InvalidPropsException>(() => EnvironmentCatalog.Resolve(context, null));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Resolve_EveryDeploymentSettingByItsContextKey_ReachesTheConfigurationInItsUnit()
    {
        var context = new Dictionary<string, object>
        {
            ["qa"] = new Dictionary<string, object>
            {
                ["GRACEPERIODMINUTES"] = 2, ["healthPollIntervalSeconds"] = 20, ["strategy"] = "canary", ["approvalRequired"] = true, ["maxResponseTimeMs"] = 900,
            },
        };

        var qa = EnvironmentCatalog.Resolve(context, "qa").Single().Settings.Deployment;

        Assert.Equal(120, qa.GracePeriod!.ToSeconds());
        Assert.Equal(20, qa.HealthPollInterval!.ToSeconds());
        Assert.Equal(DeploymentStrategy.Canary, qa.DefaultStrategy);
        Assert.True(qa.ApprovalRequired);
        Assert.Equal(900, qa.MaxResponseTimeMs);
        Assert.Null(qa.BakeTime);
    }
}
