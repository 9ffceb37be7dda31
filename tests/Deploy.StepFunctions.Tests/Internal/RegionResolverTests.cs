using Deploy.StepFunctions.Tests.TestSupport;

namespace Deploy.StepFunctions.Tests.Internal;

/// <summary>Region resolution through <see cref="StepFunctionsClient"/>'s constructor, against a controlled environment.</summary>
[Collection(EnvironmentCollection.Name)]
public class RegionResolverTests
{
    private const string ProfileConfig = """
        [default]
        region = ap-southeast-2

        [profile ops]
        region = eu-central-1
        """;

    [Fact]
    public void Constructor_ExplicitRegion_BeatsEnvironmentAndProfile()
    {
        using var environment = new EnvironmentScope().Set("AWS_REGION", "us-west-2").WriteConfig(ProfileConfig);

        using var client = new StepFunctionsClient(new StepFunctionsClientOptions { Region = "eu-west-3" });

        Assert.Equal("eu-west-3", client.Region);
    }

    [Fact]
    public void Constructor_AwsRegion_BeatsAwsDefaultRegionAndProfile()
    {
        using var environment = new EnvironmentScope()
            .Set("AWS_REGION", "us-west-2").Set("AWS_DEFAULT_REGION", "us-east-2").WriteConfig(ProfileConfig);

        using var client = new StepFunctionsClient();

        Assert.Equal("us-west-2", client.Region);
        Assert.Equal(new Uri("https://states.us-west-2.amazonaws.com/"), client.Endpoint);
    }

    [Fact]
    public void Constructor_AwsDefaultRegionOnly_UsesIt()
    {
        using var environment = new EnvironmentScope().Set("AWS_DEFAULT_REGION", "us-east-2").WriteConfig(ProfileConfig);

        using var client = new StepFunctionsClient();

        Assert.Equal("us-east-2", client.Region);
    }

    [Fact]
    public void Constructor_NoRegionVariables_UsesDefaultProfileRegion()
    {
        using var environment = new EnvironmentScope().WriteConfig(ProfileConfig);

        using var client = new StepFunctionsClient();

        Assert.Equal("ap-southeast-2", client.Region);
    }

    [Fact]
    public void Constructor_AwsProfileSet_UsesThatProfilesRegion()
    {
        using var environment = new EnvironmentScope().Set("AWS_PROFILE", "ops").WriteConfig(ProfileConfig);

        using var client = new StepFunctionsClient();

        Assert.Equal("eu-central-1", client.Region);
    }

    [Fact]
    public void Constructor_ProfileOption_UsesThatProfilesRegionOverAwsProfile()
    {
        using var environment = new EnvironmentScope().Set("AWS_PROFILE", "default").WriteConfig(ProfileConfig);

        using var client = new StepFunctionsClient(new StepFunctionsClientOptions { Profile = "ops" });

        Assert.Equal("eu-central-1", client.Region);
    }

    [Fact]
    public void Constructor_NoRegionAnywhere_ThrowsConfigurationErrorNamingTheFixes()
    {
        using var environment = new EnvironmentScope();

        var error = Assert.Throws<StepFunctionsException>(() => new StepFunctionsClient());

        Assert.Equal(StepFunctionsErrorKind.Configuration, error.Kind);
        Assert.Equal("NoRegion", error.ErrorCode);
        Assert.Equal(
            "No AWS Region is configured. Pass --region, set AWS_REGION or AWS_DEFAULT_REGION, or set the region of the profile "
            + "'default' (aws configure set region eu-west-1 --profile default).",
            error.Message);
    }

    [Fact]
    public void Constructor_LoopbackEndpointAndNoRegion_UsesUsEast1()
    {
        using var environment = new EnvironmentScope();

        using var client = new StepFunctionsClient(new StepFunctionsClientOptions { EndpointUrl = new Uri("http://localhost:8083") });

        Assert.Equal("us-east-1", client.Region);
    }

    [Fact]
    public void Constructor_InvalidRegionInEnvironment_ThrowsNamingTheSource()
    {
        using var environment = new EnvironmentScope().Set("AWS_DEFAULT_REGION", "EU West 1");

        var error = Assert.Throws<StepFunctionsException>(() => new StepFunctionsClient());

        Assert.Equal("InvalidRegion", error.ErrorCode);
        Assert.StartsWith("The Region 'EU West 1' from AWS_DEFAULT_REGION is not a Region name;", error.Message);
    }
}
