using Deploy.App;
using Deploy.Constructs;

namespace Deploy.Infrastructure.Tests.App;

public class EnvironmentCatalogTests
{
    private static readonly System.Text.Json.JsonSerializerOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    [Fact]
    public void Resolve_NoContext_GivesStagingAndProductionWithSeedDefaults()
    {
        var environments = EnvironmentCatalog.Resolve(null, null).ToDictionary(e => e.Name, e => e.Settings);

        Assert.Equal(new[] { "staging", "production" }, environments.Keys);
        var staging = environments["staging"].ToConfiguration("staging");
        Assert.Equal(300, staging.GracePeriod!.ToSeconds());
        Assert.Equal(1200, staging.DeploymentTimeout!.ToSeconds());
        Assert.Equal(10, staging.CanaryPercentage);
        Assert.Equal(50, staging.MinHealthyPercentage);
        Assert.False(staging.ApprovalRequired);
        var production = environments["production"].ToConfiguration("production");
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
        Assert.Equal(20, environments["staging"].CanaryPercentage);
        Assert.Equal(50, environments["staging"].MinHealthyPercentage);
        Assert.Equal("eu-west-1", environments["staging"].Region);
        Assert.Equal(DeploymentStrategy.Linear, environments["staging"].ToConfiguration("staging").DefaultStrategy);
        Assert.Equal(1, environments["qa"].Capacity);
        Assert.Null(environments["qa"].GracePeriodMinutes);
    }

    [Fact]
    public void Resolve_MaxTarget5xxPercent_ReachesTheConfigurationOnlyWhereSet()
    {
        var context = new Dictionary<string, object> { ["staging"] = new Dictionary<string, object> { ["maxTarget5xxPercent"] = 1.5 } };

        var environments = EnvironmentCatalog.Resolve(context, null).ToDictionary(e => e.Name, e => e.Settings);

        Assert.Equal(1.5, environments["staging"].ToConfiguration("staging").MaxTarget5xxPercent);
        Assert.Null(environments["production"].ToConfiguration("production").MaxTarget5xxPercent);
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

    [Theory]
    [InlineData("bakeTimeMinutes", "environments.staging.bakeTimeMinutes: got -5; must be zero or more.")]
    [InlineData("gracePeriodMinutes", "environments.staging.gracePeriodMinutes: got -5; must be zero or more.")]
    public void ToConfiguration_NegativeTime_ThrowsNamingTheSetting(string field, string expected)
    {
        var settings = System.Text.Json.JsonSerializer.Deserialize<EnvironmentSettings>($"{{\"{field}\": -5}}", CaseInsensitive)!;

        var error = Assert.Throws<InvalidPropsException>(() => settings.ToConfiguration("staging"));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void ToConfiguration_UnknownStrategy_ThrowsListingStrategies()
    {
        var error = Assert.Throws<InvalidPropsException>(() => new EnvironmentSettings { Strategy = "BlueGreen" }.ToConfiguration("qa"));

        Assert.Equal("environments.qa.strategy: got \"BlueGreen\"; use AllAtOnce, Canary or Linear.", error.Message);
    }
}
